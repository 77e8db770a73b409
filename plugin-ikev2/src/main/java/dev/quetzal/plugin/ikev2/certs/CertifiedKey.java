package dev.quetzal.plugin.ikev2.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A certificate and its private key. The key never appears in {@link #toString()}. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {
    public CertifiedKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + certificate.getSubjectX500Principal().getName() + ", " + privateKey.getAlgorithm() + " key]";
    }
}
