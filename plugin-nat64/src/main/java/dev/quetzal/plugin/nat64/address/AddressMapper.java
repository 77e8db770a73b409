package dev.quetzal.plugin.nat64.address;

/**
 * Maps addresses between the families for the translator, allocation-free. The "remote" side is the
 * IPv4 network (its addresses appear to IPv6 hosts under the Pref64); the "local" side is the IPv6
 * hosts (VPN clients) that the translator serves.
 *
 * <p>IPv4 results are returned as a non-negative {@code long}; failures as one of the negative
 * {@code NO_*} codes below.
 */
public interface AddressMapper {
    /** No mapping holds the address. */
    long NO_MAPPING = -1;
    /** A non-global IPv4 address under 64:ff9b::/96 with the RFC 6052 §3.1 check on. */
    long NON_GLOBAL = -2;
    /** An IPv4 address a translator never translates (0/8, 127/8, 169.254/16, multicast). */
    long RESERVED = -3;

    /** The IPv4 address of a remote IPv6 address (under the Pref64 or an explicit mapping). */
    long remoteToIpv4(byte[] a, int at);

    /** The IPv4 address of a local IPv6 address; {@code fallback} (or -1) is the client's own IPv4 address. */
    long localToIpv4(byte[] a, int at, long fallback);

    /** Writes the IPv6 form of a remote IPv4 address at {@code out[at]}; returns 0 or a {@code NO_*} code. */
    long remoteToIpv6(int ipv4, byte[] out, int at);

    /** Writes the IPv6 form of a local IPv4 address (a client's) at {@code out[at]}; returns 0 or a {@code NO_*} code. */
    long localToIpv6(int ipv4, byte[] out, int at);

    /** A short reason for a {@code NO_*} code, for drop counters. */
    static String reason(long code, boolean source, boolean toIpv4) {
        if (code == NON_GLOBAL) {
            return "non-global-ipv4";
        }
        if (code == RESERVED) {
            return "reserved-ipv4";
        }
        return (toIpv4 ? "no-ipv4-" : "no-ipv6-") + (source ? "source" : "destination");
    }
}
