package dev.quetzal.plugin.ikev2.certs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One checked {@code quetzal certs} invocation. Paths are absolute. */
sealed interface CertsRequest {
    Path out();

    KeyType key();

    /** {@code quetzal certs ca}: a new root CA. */
    record Authority(Path out, String commonName, KeyType key) implements CertsRequest {
        public Authority {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code quetzal certs server}: a server certificate for {@code dnsName} plus {@code extraNames}. */
    record Server(Path ca, Path out, String dnsName, List<SubjectAltName> extraNames, KeyType key) implements CertsRequest {
        public Server {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(dnsName, "dnsName");
            extraNames = List.copyOf(extraNames);
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code quetzal certs client}: a client certificate for {@code identity} (an e-mail address or a
     * DNS name), with the PKCS#12 password from {@code passwordVariable} or generated.
     */
    record Client(Path ca, Path out, SubjectAltName identity, Optional<String> passwordVariable, KeyType key)
            implements CertsRequest {
        public Client {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(passwordVariable, "passwordVariable");
            Objects.requireNonNull(key, "key");
        }

        /** The identity as text: the file name stem and the friendly name. */
        String name() {
            return switch (identity) {
                case SubjectAltName.Email email -> email.address();
                case SubjectAltName.Dns dns -> dns.name();
                case SubjectAltName.Ip ip -> ip.address().getHostAddress();
            };
        }
    }
}
