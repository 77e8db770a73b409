package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.config.ConfigValueException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network address and port translation of clients onto the uplink's address ({@code "napt"}).
 *
 * <p>The timeouts may not go below the floors the RFCs set: UDP 2 min (RFC 4787 REQ-5), TCP
 * established 2 h 4 min and transitory 4 min (RFC 5382 REQ-5), ICMP query 60 s (RFC 5508 REQ-1).
 *
 * @param enabled true or false; null (unset, the default) follows the backend: on when it {@linkplain
 *     dev.quetzal.api.backend.Backend#acceptsOnlyAssignedAddresses accepts only its assigned addresses} (fortivpn),
 *     off otherwise, when clients' packets reach the backend with their own source addresses
 * @param portRange the external ports (and ICMP identifiers) handed out, {@code "low-high"} within 1..65535
 * @param maxMappings mappings across all clients, 16..4,194,304 (default {@value #DEFAULT_MAX_MAPPINGS})
 * @param maxPerClient mappings per client address, 1..maxMappings (default {@value #DEFAULT_MAX_PER_CLIENT})
 */
public record NaptSettings(
        Boolean enabled,
        String portRange,
        int maxMappings,
        int maxPerClient,
        Duration udpTimeout,
        Duration tcpEstablishedTimeout,
        Duration tcpTransitoryTimeout,
        Duration icmpTimeout) {
    public static final String DEFAULT_PORT_RANGE = "1024-65535";
    public static final int DEFAULT_MAX_MAPPINGS = 65536;
    public static final int DEFAULT_MAX_PER_CLIENT = 4096;
    public static final int MAX_MAX_MAPPINGS = 4_194_304;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    public NaptSettings {
        ConfigValueException.require(portRange, "portRange", "a port range like 1024-65535");
        parseRange(portRange);
        ConfigValueException.checkRange(maxMappings, 16, MAX_MAX_MAPPINGS, "maxMappings");
        ConfigValueException.checkRange(maxPerClient, 1, maxMappings, "maxPerClient");
        checkTimeout(udpTimeout, Duration.ofMinutes(2), "2m", "udpTimeout");
        checkTimeout(tcpEstablishedTimeout, Duration.ofMinutes(124), "2h4m", "tcpEstablishedTimeout");
        checkTimeout(tcpTransitoryTimeout, Duration.ofMinutes(4), "4m", "tcpTransitoryTimeout");
        checkTimeout(icmpTimeout, Duration.ofSeconds(60), "60s", "icmpTimeout");
    }

    public static NaptSettings defaults() {
        return fromJson(null, null, null, null, null, null, null, null);
    }

    /** These settings switched on or off. */
    public NaptSettings withEnabled(boolean on) {
        return new NaptSettings(on, portRange, maxMappings, maxPerClient, udpTimeout, tcpEstablishedTimeout,
                tcpTransitoryTimeout, icmpTimeout);
    }

    /** Whether to translate for a backend that does or does not {@code acceptsOnlyAssignedAddresses}. */
    public boolean enabledFor(boolean backendAcceptsOnlyAssignedAddresses) {
        return enabled == null ? backendAcceptsOnlyAssignedAddresses : enabled;
    }

    /** The first port of {@link #portRange}. */
    public int portLow() {
        return parseRange(portRange)[0];
    }

    /** The last port of {@link #portRange}, inclusive. */
    public int portHigh() {
        return parseRange(portRange)[1];
    }

    // Absent fields take their defaults; primitives cannot tell absent from 0, so JSON binds boxed values.
    @JsonCreator
    static NaptSettings fromJson(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("portRange") String portRange,
            @JsonProperty("maxMappings") Integer maxMappings,
            @JsonProperty("maxPerClient") Integer maxPerClient,
            @JsonProperty("udpTimeout") Duration udpTimeout,
            @JsonProperty("tcpEstablishedTimeout") Duration tcpEstablishedTimeout,
            @JsonProperty("tcpTransitoryTimeout") Duration tcpTransitoryTimeout,
            @JsonProperty("icmpTimeout") Duration icmpTimeout) {
        return new NaptSettings(
                enabled,
                portRange == null ? DEFAULT_PORT_RANGE : portRange,
                maxMappings == null ? DEFAULT_MAX_MAPPINGS : maxMappings,
                maxPerClient == null ? DEFAULT_MAX_PER_CLIENT : maxPerClient,
                udpTimeout == null ? Duration.ofMinutes(5) : udpTimeout,
                tcpEstablishedTimeout == null ? Duration.ofMinutes(124) : tcpEstablishedTimeout,
                tcpTransitoryTimeout == null ? Duration.ofMinutes(4) : tcpTransitoryTimeout,
                icmpTimeout == null ? Duration.ofSeconds(60) : icmpTimeout);
    }

    private static int[] parseRange(String text) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new ConfigValueException("portRange", "expected a port range like 1024-65535, got \"" + text + "\"");
        }
        int low = Integer.parseInt(m.group(1));
        int high = Integer.parseInt(m.group(2));
        if (low < 1 || high > 65535 || low > high) {
            throw new ConfigValueException("portRange",
                    "expected low-high with 1 <= low <= high <= 65535, got \"" + text + "\"");
        }
        return new int[] {low, high};
    }

    private static void checkTimeout(Duration timeout, Duration floor, String floorText, String field) {
        if (timeout.compareTo(floor) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new ConfigValueException(field, "expected " + floorText + ".."
                    + DurationText.format(MAX_TIMEOUT) + ", got " + DurationText.format(timeout));
        }
    }
}
