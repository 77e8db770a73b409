package dev.quetzal.plugin.splitdns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import java.util.List;

/** Settings of the {@code split-dns} filter. */
public record SplitDnsConfig(
        @JsonPropertyDescription("Domains whose names (and subdomains) go through the tunnel; empty means everything does.")
        List<String> tunnelDomains) {
    public SplitDnsConfig {
        tunnelDomains = tunnelDomains == null ? List.of() : List.copyOf(tunnelDomains);
    }
}
