package dev.quetzal.plugin.splitdns;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@code split-dns} filter.
 *
 * @param tunnelDomains names whose addresses (and the addresses of their subdomains) go through the tunnel
 * @param staticRoutes prefixes that always go through the tunnel
 * @param excludeRoutes prefixes that never do
 * @param dnsDomains split-DNS domains offered to clients (RFC 8598); default the tunnel domains
 * @param ttlFloor the shortest lifetime a learned address gets, whatever its TTL
 * @param grace how long a learned address stays after its (floored) TTL ran out
 * @param otherQueries what client queries for other names get: {@code "resolve"} or {@code "refuse"}
 * @param maxLearned how many learned addresses the filter keeps at most
 */
public record SplitDnsConfig(
        @JsonPropertyDescription("Domains whose names (and subdomains) go through the tunnel; empty means everything does.")
        List<String> tunnelDomains,
        @JsonPropertyDescription("Prefixes that always go through the tunnel, e.g. [\"10.0.0.0/8\"].")
        List<IpPrefix> staticRoutes,
        @JsonPropertyDescription("Prefixes that never go through the tunnel, even inside an included one.")
        List<IpPrefix> excludeRoutes,
        @JsonPropertyDescription("Split-DNS domains offered to clients (RFC 8598 INTERNAL_DNS_DOMAIN); default: tunnelDomains.")
        List<String> dnsDomains,
        @JsonPropertyDescription("Shortest lifetime of a learned address, whatever its DNS TTL. Default 60s.")
        Duration ttlFloor,
        @JsonPropertyDescription("How long a learned address stays after its TTL ran out, so open connections keep their route. Default 10m.")
        Duration grace,
        @JsonPropertyDescription("Client queries for other names: \"resolve\" (answered from the host's resolver, the default) or \"refuse\" (REFUSED).")
        String otherQueries,
        @JsonPropertyDescription("Most addresses learned at once (default 4096); more are not learned and a warning is logged.")
        Integer maxLearned) {
    public static final String RESOLVE = "resolve";
    public static final String REFUSE = "refuse";

    public SplitDnsConfig {
        tunnelDomains = domains(tunnelDomains, "tunnelDomains");
        dnsDomains = dnsDomains == null ? tunnelDomains : domains(dnsDomains, "dnsDomains");
        staticRoutes = prefixes(staticRoutes, "staticRoutes");
        excludeRoutes = prefixes(excludeRoutes, "excludeRoutes");
        ttlFloor = duration(ttlFloor, Duration.ofSeconds(60), Duration.ofDays(1), "1d", "ttlFloor");
        grace = duration(grace, Duration.ofMinutes(10), Duration.ofDays(7), "7d", "grace");
        if (otherQueries == null) {
            otherQueries = RESOLVE;
        }
        if (!otherQueries.equals(RESOLVE) && !otherQueries.equals(REFUSE)) {
            throw new ConfigValueException("otherQueries", "expected \"resolve\" or \"refuse\", got \"" + otherQueries + "\"");
        }
        maxLearned = maxLearned == null ? 4096 : maxLearned;
        ConfigValueException.checkRange(maxLearned, 1, 1_000_000, "maxLearned");
    }

    /** Whether client queries for other names are refused rather than resolved on the host. */
    public boolean refusesOtherQueries() {
        return otherQueries.equals(REFUSE);
    }

    /** True when nothing limits what goes through the tunnel: the filter publishes no routes. */
    public boolean isFullTunnel() {
        return tunnelDomains.isEmpty() && staticRoutes.isEmpty();
    }

    private static List<String> domains(List<String> names, String field) {
        if (names == null) {
            return List.of();
        }
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !DomainName.isValid(name)) {
                throw new ConfigValueException(field + "[" + i + "]",
                        "expected a DNS name such as corp.example, got " + (name == null ? "null" : "\"" + name + "\""));
            }
            String n = DomainName.normalize(name);
            if (!normalized.contains(n)) {
                normalized.add(n);
            }
        }
        return List.copyOf(normalized);
    }

    private static List<IpPrefix> prefixes(List<IpPrefix> prefixes, String field) {
        if (prefixes == null) {
            return List.of();
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i) == null) {
                throw new ConfigValueException(field + "[" + i + "]", "expected an IP prefix like 10.0.0.0/8, got null");
            }
        }
        return List.copyOf(prefixes);
    }

    private static Duration duration(Duration value, Duration fallback, Duration max, String maxText, String field) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.compareTo(max) > 0) {
            throw new ConfigValueException(field, "expected a duration 0s.." + maxText + ", got " + d.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
        return d;
    }
}
