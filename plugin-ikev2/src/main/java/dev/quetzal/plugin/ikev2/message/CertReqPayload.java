package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate Request payload (RFC 7296 §3.7). For X.509 the authority field is a concatenation of SHA-1
 * hashes of trusted CAs' SubjectPublicKeyInfo, 20 bytes each (possibly none).
 */
public record CertReqPayload(int encoding, Octets authority) implements IkePayload {
    public static final int SHA1_SIZE = 20;

    public CertReqPayload {
        if (encoding < 0 || encoding > 0xFF) {
            throw new IllegalArgumentException("certificate encoding must be 0..255, got " + encoding);
        }
        if (encoding == CertEncoding.X509_SIGNATURE && authority.length() % SHA1_SIZE != 0) {
            throw new IllegalArgumentException("X.509 CERTREQ data must be whole 20-byte SHA-1 hashes");
        }
    }

    public static CertReqPayload x509(List<Octets> caKeyHashes) {
        ByteBuffer all = ByteBuffer.allocate(caKeyHashes.size() * SHA1_SIZE);
        for (Octets hash : caKeyHashes) {
            if (hash.length() != SHA1_SIZE) {
                throw new IllegalArgumentException("a CA key hash is 20 bytes, got " + hash.length());
            }
            hash.writeTo(all);
        }
        return new CertReqPayload(CertEncoding.X509_SIGNATURE, Octets.wrap(all.array()));
    }

    /** The SHA-1 hashes of the requested CAs' public keys (X.509 encoding only; empty otherwise). */
    public List<Octets> caKeyHashes() {
        if (encoding != CertEncoding.X509_SIGNATURE) {
            return List.of();
        }
        byte[] all = authority.toByteArray();
        List<Octets> hashes = new ArrayList<>(all.length / SHA1_SIZE);
        for (int i = 0; i < all.length; i += SHA1_SIZE) {
            hashes.add(Octets.of(all, i, SHA1_SIZE));
        }
        return hashes;
    }

    @Override
    public int type() {
        return PayloadType.CERTREQ;
    }

    @Override
    public int bodyLength() {
        return 1 + authority.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) encoding);
        authority.writeTo(out);
    }

    static CertReqPayload decode(WireReader in) throws Malformed {
        int encoding = in.u8("certificate encoding");
        Octets authority = in.rest();
        if (encoding == CertEncoding.X509_SIGNATURE && authority.length() % SHA1_SIZE != 0) {
            throw new Malformed("CERTREQ: " + authority.length() + " bytes are not whole SHA-1 hashes");
        }
        return new CertReqPayload(encoding, authority);
    }
}
