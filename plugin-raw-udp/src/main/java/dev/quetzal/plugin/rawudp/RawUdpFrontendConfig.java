package dev.quetzal.plugin.rawudp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.HostPort;
import java.time.Duration;

public record RawUdpFrontendConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Address and port to receive clients' datagrams on, e.g. 127.0.0.1:5555.")
        HostPort listen,
        @JsonPropertyDescription("A client that sends nothing for this long is forgotten (default 5m).")
        Duration idleTimeout) {
    public RawUdpFrontendConfig {
        ConfigValueException.require(listen, "listen", "host:port");
        if (idleTimeout == null) {
            idleTimeout = Duration.ofMinutes(5);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigValueException("idleTimeout", "expected at least 1s, got " + idleTimeout);
        }
    }
}
