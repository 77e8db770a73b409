package dev.quetzal.plugin.nat64;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.plugin.nat64.dns64.Dns64Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the {@code nat64} filter.
 *
 * @param prefix the RFC 6052 prefix (Pref64) IPv4 addresses are embedded in
 * @param mappings explicit address mappings (RFC 7757 EAM), checked before the prefix
 * @param lowestIpv6Mtu IPv4 packets without DF are fragmented to fit this (RFC 7915 §4 and §6)
 * @param checkWellKnownPrefix drop non-global IPv4 addresses under 64:ff9b::/96 (RFC 6052 §3.1)
 * @param udpZeroChecksum what to do with an IPv4 UDP datagram whose checksum is zero (RFC 7915 §4.5)
 * @param dns64 DNS64 settings (RFC 6147)
 */
public record Nat64Config(
        @JsonPropertyDescription("The RFC 6052 prefix (Pref64) IPv4 addresses are embedded in; length 32, 40, 48, 56, 64 or 96. "
                + "Default 64:ff9b:1::/96 (RFC 8215 local use), which may carry RFC 1918 addresses.")
        IpPrefix prefix,
        @JsonPropertyDescription("Explicit address mappings (RFC 7757): [{\"ipv6\": \"2001:db8::/120\", \"ipv4\": \"192.0.2.0/24\"}].")
        List<Mapping> mappings,
        @JsonPropertyDescription("IPv4 packets without DF that would not fit this IPv6 MTU are fragmented (RFC 7915 §4); at least 1280.")
        Integer lowestIpv6Mtu,
        @JsonPropertyDescription("Drop non-global IPv4 addresses embedded in 64:ff9b::/96 (RFC 6052 §3.1). Default true.")
        Boolean checkWellKnownPrefix,
        @JsonPropertyDescription("IPv4 UDP with a zero checksum: \"compute\" it (unfragmented only) or \"drop\" (RFC 7915 §4.5). Default compute.")
        String udpZeroChecksum,
        @JsonPropertyDescription("DNS64 (RFC 6147): {\"suffixes\", \"aQueries\", \"servers\", \"exclude\", \"timeout\", \"enabled\"}; on by default.")
        Dns64Config dns64) {
    /** The default Pref64: a /96 under the RFC 8215 local-use prefix, so RFC 1918 addresses may go under it. */
    public static final IpPrefix DEFAULT_PREFIX = IpPrefix.parse("64:ff9b:1::/96");

    private static final Set<Integer> PREFIX_LENGTHS = Set.of(32, 40, 48, 56, 64, 96);

    public Nat64Config {
        if (prefix == null) {
            prefix = DEFAULT_PREFIX;
        }
        if (prefix.family() != IpFamily.IPV6 || !PREFIX_LENGTHS.contains(prefix.length())) {
            throw new ConfigValueException("prefix", "expected an IPv6 prefix of length 32, 40, 48, 56, 64 or 96 (RFC 6052 §2.2), got " + prefix);
        }
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i) == null) {
                throw new ConfigValueException("mappings[" + i + "]", "expected {\"ipv6\": ..., \"ipv4\": ...}, got null");
            }
        }
        if (lowestIpv6Mtu == null) {
            lowestIpv6Mtu = 1280;
        }
        if (lowestIpv6Mtu < 1280 || lowestIpv6Mtu > 65535) {
            throw new ConfigValueException("lowestIpv6Mtu", "expected 1280..65535 (RFC 8200 §5), got " + lowestIpv6Mtu);
        }
        if (checkWellKnownPrefix == null) {
            checkWellKnownPrefix = true;
        }
        if (udpZeroChecksum == null) {
            udpZeroChecksum = "compute";
        }
        if (!udpZeroChecksum.equals("compute") && !udpZeroChecksum.equals("drop")) {
            throw new ConfigValueException("udpZeroChecksum", "expected \"compute\" or \"drop\", got \"" + udpZeroChecksum + "\"");
        }
        if (dns64 == null) {
            dns64 = Dns64Config.defaults();
        }
    }

    /** The translator's settings with DNS64 at its defaults. */
    public Nat64Config(IpPrefix prefix, List<Mapping> mappings, Integer lowestIpv6Mtu, Boolean checkWellKnownPrefix,
            String udpZeroChecksum) {
        this(prefix, mappings, lowestIpv6Mtu, checkWellKnownPrefix, udpZeroChecksum, null);
    }

    /** Only the prefix set; everything else defaults. */
    public Nat64Config(IpPrefix prefix) {
        this(prefix, null, null, null, null, null);
    }

    /**
     * One explicit mapping (RFC 7757): an IPv6 prefix and an IPv4 prefix with the same number of host
     * bits, or two single addresses.
     */
    public record Mapping(
            @JsonProperty(required = true) @JsonPropertyDescription("IPv6 address or prefix") IpPrefix ipv6,
            @JsonProperty(required = true) @JsonPropertyDescription("IPv4 address or prefix") IpPrefix ipv4) {
        public Mapping {
            ConfigValueException.require(ipv6, "ipv6", "an IPv6 address or prefix");
            ConfigValueException.require(ipv4, "ipv4", "an IPv4 address or prefix");
            if (ipv6.family() != IpFamily.IPV6) {
                throw new ConfigValueException("ipv6", "expected an IPv6 address or prefix, got " + ipv6);
            }
            if (ipv4.family() != IpFamily.IPV4) {
                throw new ConfigValueException("ipv4", "expected an IPv4 address or prefix, got " + ipv4);
            }
            if (128 - ipv6.length() != 32 - ipv4.length()) {
                throw new ConfigValueException("ipv6", "expected the same number of host bits on both sides (RFC 7757 §3.2), got "
                        + ipv6 + " and " + ipv4);
            }
        }
    }
}
