package dev.quetzal.plugin.nat64.dns64;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import java.time.Duration;
import java.util.List;

/**
 * Settings of DNS64 (RFC 6147), the {@code dns64} object of the {@code nat64} filter.
 *
 * @param enabled false switches DNS64 off (the translator still runs)
 * @param suffixes names DNS64 answers for (label boundaries, any case); null means the uplink's DNS suffixes
 * @param aQueries what A queries for those names get: {@code "empty"} (an empty NOERROR answer, so
 *     IPv6-only clients such as Windows use the synthesized AAAA) or {@code "pass"} (the default)
 * @param servers DNS servers to intercept besides the uplink's, in either family
 * @param exclude AAAA records inside these IPv6 prefixes are ignored (RFC 6147 §5.1.4)
 * @param timeout how long to wait for an upstream answer before acting without it (RFC 6147 §5.1.6 and §5.1.3)
 */
public record Dns64Config(
        @JsonPropertyDescription("DNS64 on or off (default true).")
        Boolean enabled,
        @JsonPropertyDescription("DNS names to synthesize AAAA records for, e.g. [\"corp.example\"]; default: the uplink's DNS suffixes. "
                + "ipv4only.arpa is always added (RFC 7050).")
        List<String> suffixes,
        @JsonPropertyDescription("A queries for those names: \"empty\" answers them with no address (Windows then uses IPv6), \"pass\" forwards them (default: dual-stack clients keep using IPv4).")
        String aQueries,
        @JsonPropertyDescription("More DNS server addresses to intercept, besides the uplink's (IPv4 or IPv6).")
        List<IpAddress> servers,
        @JsonPropertyDescription("IPv6 prefixes whose AAAA records count as absent (RFC 6147 §5.1.4). Default [\"::ffff:0:0/96\"].")
        List<IpPrefix> exclude,
        @JsonPropertyDescription("How long to wait for the DNS server's answer before going on without it. Default 2s.")
        Duration timeout) {
    /** RFC 6147 §5.1.4: IPv4-mapped addresses are never real IPv6 answers. */
    public static final IpPrefix DEFAULT_EXCLUDE = IpPrefix.parse("::ffff:0:0/96");

    public static final String A_QUERIES_EMPTY = "empty";
    public static final String A_QUERIES_PASS = "pass";

    public Dns64Config {
        if (enabled == null) {
            enabled = true;
        }
        if (suffixes != null) {
            for (int i = 0; i < suffixes.size(); i++) {
                String suffix = suffixes.get(i);
                if (suffix == null || !SuffixMatcher.isValidSuffix(suffix)) {
                    throw new ConfigValueException("suffixes[" + i + "]",
                            "expected a DNS name such as corp.example, got " + (suffix == null ? "null" : "\"" + suffix + "\""));
                }
            }
            suffixes = List.copyOf(suffixes);
        }
        if (aQueries == null) {
            aQueries = A_QUERIES_PASS; // "empty" would break clients that reach the names over IPv4
        }
        if (!aQueries.equals(A_QUERIES_EMPTY) && !aQueries.equals(A_QUERIES_PASS)) {
            throw new ConfigValueException("aQueries", "expected \"empty\" or \"pass\", got \"" + aQueries + "\"");
        }
        servers = servers == null ? List.of() : List.copyOf(servers);
        exclude = exclude == null ? List.of(DEFAULT_EXCLUDE) : List.copyOf(exclude);
        for (int i = 0; i < exclude.size(); i++) {
            if (exclude.get(i).family() != IpFamily.IPV6) {
                throw new ConfigValueException("exclude[" + i + "]", "expected an IPv6 prefix, got " + exclude.get(i));
            }
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(2);
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigValueException("timeout", "expected 100ms..30s, got " + timeout);
        }
    }

    /** Everything default. */
    public static Dns64Config defaults() {
        return new Dns64Config(null, null, null, null, null, null);
    }

    public boolean answersAQueriesEmpty() {
        return aQueries.equals(A_QUERIES_EMPTY);
    }
}
