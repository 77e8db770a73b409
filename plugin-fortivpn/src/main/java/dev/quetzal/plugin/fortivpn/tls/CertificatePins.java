package dev.quetzal.plugin.fortivpn.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Public key pins as OpenConnect prints and takes them ({@code --servercert pin-sha256:...}): the
 * base64 SHA-256 of the certificate's DER SubjectPublicKeyInfo (the HPKP form, RFC 7469 §2.4).
 */
public final class CertificatePins {
    public static final String PREFIX = "pin-sha256:";

    private CertificatePins() {}

    public static String pin(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return PREFIX + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
