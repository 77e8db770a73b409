package dev.quetzal.plugin.fortivpn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;

/** Settings of the {@code fortivpn} backend. */
public record FortiVpnConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The FortiGate's SSL-VPN address, e.g. vpn.example.com:443.")
        HostPort server,
        @JsonPropertyDescription("User name for password login.")
        String username,
        @JsonPropertyDescription("Password for password login: {\"env\": NAME}, {\"file\": PATH} or a string.")
        Secret password) {
    public FortiVpnConfig {
        ConfigValueException.require(server, "server", "host:port");
    }
}
