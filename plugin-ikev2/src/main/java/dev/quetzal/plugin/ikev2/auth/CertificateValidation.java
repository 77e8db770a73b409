package dev.quetzal.plugin.ikev2.auth;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The outcome of checking a peer's certificate chain and ID. */
public sealed interface CertificateValidation {
    /** Chain, usages and identity are acceptable; {@link #publicKey()} verifies the AUTH payload. */
    record Valid(X509Certificate leaf, List<X509Certificate> path) implements CertificateValidation {
        public Valid {
            path = List.copyOf(path);
        }

        public PublicKey publicKey() {
            return leaf.getPublicKey();
        }

        @Override
        public String toString() {
            return "Valid[" + leaf.getSubjectX500Principal().getName() + ", serial " + leaf.getSerialNumber().toString(16)
                    + "]";
        }
    }

    /** Refused; {@code detail} is one line, naming the certificate concerned, never a stack trace. */
    record Rejected(CertificateRejection reason, String detail) implements CertificateValidation {
        @Override
        public String toString() {
            return "certificate rejected (" + reason + "): " + detail;
        }
    }
}
