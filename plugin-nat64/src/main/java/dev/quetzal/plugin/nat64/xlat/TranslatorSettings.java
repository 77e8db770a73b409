package dev.quetzal.plugin.nat64.xlat;

/**
 * Translator knobs (RFC 7915).
 *
 * @param lowestIpv6Mtu IPv4 packets without DF that would exceed this are fragmented (§4, §6)
 * @param computeUdpZeroChecksum compute the checksum of unfragmented IPv4 UDP with a zero checksum
 *     instead of dropping it (§4.5)
 * @param errorsPerSecond ICMP errors the translator generates itself (Time Exceeded and the like),
 *     at most this many per second, with bursts of as many (RFC 4443 §2.4 (f), RFC 1812 §4.3.2.8)
 */
public record TranslatorSettings(int lowestIpv6Mtu, boolean computeUdpZeroChecksum, int errorsPerSecond) {
    public TranslatorSettings {
        if (lowestIpv6Mtu < 1280 || lowestIpv6Mtu > 65535) {
            throw new IllegalArgumentException("expected a lowest IPv6 MTU of 1280..65535, got " + lowestIpv6Mtu);
        }
        if (errorsPerSecond < 0) {
            throw new IllegalArgumentException("expected errorsPerSecond >= 0, got " + errorsPerSecond);
        }
    }

    public static TranslatorSettings defaults() {
        return new TranslatorSettings(1280, true, 100);
    }
}
