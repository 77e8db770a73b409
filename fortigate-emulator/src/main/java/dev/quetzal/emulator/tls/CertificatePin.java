package dev.quetzal.emulator.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * {@code pin-sha256:BASE64}: the SHA-256 of a certificate's SubjectPublicKeyInfo, which OpenConnect's
 * {@code --servercert} takes (fortivpn-protocol.md §12).
 */
public final class CertificatePin {
    private CertificatePin() {}

    public static String of(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            return "pin-sha256:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
