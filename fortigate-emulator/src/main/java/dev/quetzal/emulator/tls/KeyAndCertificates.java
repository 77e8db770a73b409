package dev.quetzal.emulator.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain, leaf first. {@link #toString()} never shows the key. */
public record KeyAndCertificates(PrivateKey key, List<X509Certificate> chain) {
    public KeyAndCertificates {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("expected at least one certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    @Override
    public String toString() {
        return "KeyAndCertificates[" + leaf().getSubjectX500Principal().getName() + ", key redacted]";
    }
}
