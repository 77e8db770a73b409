package dev.quetzal.plugin.ikev2.certs;

import java.net.InetAddress;
import java.util.Objects;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One subjectAltName entry (RFC 5280 §4.2.1.6). IKEv2 peers match an ID payload against the entry of
 * the same kind (RFC 7296 §3.5: ID_FQDN against dNSName, ID_RFC822_ADDR against rfc822Name,
 * ID_IPV4/6_ADDR against iPAddress), so the kind matters, not just the text.
 */
public sealed interface SubjectAltName {
    /** The entry as Bouncy Castle encodes it. */
    GeneralName toGeneralName();

    /** dNSName, [2]. */
    record Dns(String name) implements SubjectAltName {
        public Dns {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public GeneralName toGeneralName() {
            return new GeneralName(GeneralName.dNSName, name);
        }
    }

    /** rfc822Name, [1]: an e-mail address. */
    record Email(String address) implements SubjectAltName {
        public Email {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public GeneralName toGeneralName() {
            return new GeneralName(GeneralName.rfc822Name, address);
        }
    }

    /** iPAddress, [7]: 4 or 16 octets. */
    record Ip(InetAddress address) implements SubjectAltName {
        public Ip {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public GeneralName toGeneralName() {
            return new GeneralName(GeneralName.iPAddress, address.getHostAddress());
        }
    }
}
