package dev.quetzal.plugin.ikev2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.setup.SuiteNames;
import java.nio.file.Path;
import java.util.List;

/** Settings of the {@code ikev2} frontend. The PEM files are read when the frontend is created. */
public record Ikev2Config(
        @JsonPropertyDescription("Address to listen on (default 0.0.0.0).")
        IpAddress listenAddress,
        @JsonPropertyDescription("UDP port for IKE (default 500).")
        Integer ikePort,
        @JsonPropertyDescription("UDP port for NAT traversal and ESP in UDP (default 4500).")
        Integer natPort,
        @JsonPropertyDescription("Serve IKE and ESP on natPort alone, no ikePort socket (default false).")
        Boolean singlePort,
        @JsonPropertyDescription("PEM file with the server certificate first, then its intermediates (required).")
        Path certificate,
        @JsonPropertyDescription("PEM file with the server's unencrypted private key, PKCS#8 or traditional (required).")
        Path key,
        @JsonPropertyDescription("PEM file with the CA certificate(s) that client certificates must chain to (required).")
        Path clientCa,
        @JsonPropertyDescription("Our IKE identity (IDr, an FQDN); default: the certificate's first DNS name.")
        String identity,
        @JsonPropertyDescription("IKE suites we accept, best first, by strongSwan proposal name, e.g."
                + " aes256gcm16-prfsha256-ecp256, aes256-sha256-modp2048, chacha20poly1305-prfsha256-x25519"
                + " (default: all of them).")
        List<String> suites) {
    public Ikev2Config {
        listenAddress = listenAddress == null ? IpAddress.parse("0.0.0.0") : listenAddress;
        ikePort = ikePort == null ? 500 : ikePort;
        natPort = natPort == null ? 4500 : natPort;
        singlePort = singlePort != null && singlePort;
        ConfigValueException.checkRange(ikePort, 0, 65535, "ikePort");
        ConfigValueException.checkRange(natPort, 0, 65535, "natPort");
        if (!singlePort && ikePort.equals(natPort) && ikePort != 0) {
            throw new ConfigValueException("natPort", "ikePort and natPort are both " + ikePort
                    + "; set singlePort to true to serve everything on one port");
        }
        ConfigValueException.require(certificate, "certificate", "a PEM certificate chain file");
        ConfigValueException.require(key, "key", "a PEM private key file");
        ConfigValueException.require(clientCa, "clientCa", "a PEM file of CA certificates for client certificates");
        if (identity != null && !identity.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?")) {
            throw new ConfigValueException("identity", "expected an FQDN such as vpn.example.com, got \"" + identity
                    + "\"");
        }
        suites = suites == null ? List.of() : List.copyOf(suites);
        for (int i = 0; i < suites.size(); i++) {
            if (SuiteNames.find(suites.get(i)).isEmpty()) {
                throw new ConfigValueException("suites[" + i + "]", "expected one of " + SuiteNames.names() + ", got \""
                        + suites.get(i) + "\"");
            }
        }
    }

}
