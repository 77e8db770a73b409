package dev.quetzal.plugin.ikev2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpAddress;

/** Settings of the {@code ikev2} frontend. */
public record Ikev2Config(
        @JsonPropertyDescription("Address to listen on (default 0.0.0.0).")
        IpAddress listenAddress,
        @JsonPropertyDescription("UDP port for IKE (default 500).")
        Integer ikePort,
        @JsonPropertyDescription("UDP port for NAT traversal and ESP in UDP (default 4500).")
        Integer natPort,
        @JsonPropertyDescription("Serve IKE and ESP on natPort alone, no ikePort socket (default false).")
        Boolean singlePort) {
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
    }
}
