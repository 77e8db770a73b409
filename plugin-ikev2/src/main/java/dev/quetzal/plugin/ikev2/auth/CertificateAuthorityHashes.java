package dev.quetzal.plugin.ikev2.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Certification Authority data of a CERTREQ payload with encoding 4 (X.509 Certificate - Signature): concatenated
 * SHA-1 hashes of each trusted CA's SubjectPublicKeyInfo (RFC 7296 §3.7).
 */
public final class CertificateAuthorityHashes {
    /** Certificate Encoding value for X.509 signature certificates (RFC 7296 §3.6). */
    public static final int X509_SIGNATURE = 4;
    /** SHA-1 output length. */
    public static final int HASH_LENGTH = 20;

    private CertificateAuthorityHashes() {
    }

    /** Result of reading the Certification Authority field. */
    public sealed interface Decoded {
    }

    public record Hashes(List<byte[]> hashes) implements Decoded {
        public Hashes {
            hashes = hashes.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> hashes() {
            return hashes.stream().map(byte[]::clone).toList();
        }
    }

    public record Malformed(String reason) implements Decoded {
    }

    /** SHA-1 of the certificate's DER SubjectPublicKeyInfo. */
    public static byte[] hash(X509Certificate ca) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(ca.getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** The field for our own CERTREQ: one hash per CA we trust, in the given order. */
    public static byte[] encode(Collection<X509Certificate> authorities) {
        byte[] out = new byte[authorities.size() * HASH_LENGTH];
        int offset = 0;
        for (X509Certificate ca : authorities) {
            System.arraycopy(hash(ca), 0, out, offset, HASH_LENGTH);
            offset += HASH_LENGTH;
        }
        return out;
    }

    /** Splits a peer's field; empty is allowed and means "any CA" (strongSwan sends it without configured CAs). */
    public static Decoded decode(byte[] data) {
        if (data.length % HASH_LENGTH != 0) {
            return new Malformed("CERTREQ authority field of " + data.length + " octets is not a multiple of 20");
        }
        List<byte[]> hashes = new ArrayList<>(data.length / HASH_LENGTH);
        for (int i = 0; i < data.length; i += HASH_LENGTH) {
            hashes.add(Arrays.copyOfRange(data, i, i + HASH_LENGTH));
        }
        return new Hashes(hashes);
    }
}
