package dev.quetzal.plugin.nat64;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;

/** Settings of the {@code nat64} filter. */
public record Nat64Config(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The RFC 6052 prefix that IPv4 addresses are embedded in, e.g. 64:ff9b::/96.")
        IpPrefix prefix) {
    public Nat64Config {
        ConfigValueException.require(prefix, "prefix", "an IPv6 prefix of length 32, 40, 48, 56, 64 or 96");
        if (prefix.family() != IpFamily.IPV6 || !java.util.Set.of(32, 40, 48, 56, 64, 96).contains(prefix.length())) {
            throw new ConfigValueException("prefix", "expected an IPv6 prefix of length 32, 40, 48, 56, 64 or 96 (RFC 6052 §2.2), got " + prefix);
        }
    }
}
