package dev.quetzal.plugin.nat64.address;

/**
 * RFC 7915 §1.3 / §6 address mapping: explicit mappings first (RFC 7757 §3.3), then the RFC 6052
 * algorithm with the Pref64, with the §3.1 check and the always-dropped ranges. With {@code
 * embedLocal} (plain SIIT, the {@code translate} command) local addresses also use the Pref64;
 * otherwise (the gateway filter) they come from a {@link ClientTable} of learned client addresses.
 */
public final class StatelessMapper implements AddressMapper {
    private final Rfc6052Prefix prefix;
    private final ExplicitMappings explicit;
    private final boolean checkWellKnown;
    private final ClientTable clients;

    /**
     * @param clients learned client addresses, or null for plain SIIT (local addresses under the Pref64)
     */
    public StatelessMapper(Rfc6052Prefix prefix, ExplicitMappings explicit, boolean checkWellKnown, ClientTable clients) {
        this.prefix = prefix;
        this.explicit = explicit;
        this.checkWellKnown = checkWellKnown;
        this.clients = clients;
    }

    public Rfc6052Prefix prefix() {
        return prefix;
    }

    /** Whether an explicit mapping (RFC 7757 §3.3) holds {@code ipv4}. */
    public boolean explicitlyMapped(int ipv4) {
        return !explicit.isEmpty() && explicit.containsIpv4(ipv4);
    }

    @Override
    public long remoteToIpv4(byte[] a, int at) {
        long v4 = explicit.isEmpty() ? -1 : explicit.toIpv4(high(a, at), high(a, at + 8));
        if (v4 < 0) {
            if (!prefix.contains(a, at)) {
                return NO_MAPPING;
            }
            int embedded = prefix.extract(a, at);
            if (checkWellKnown && prefix.isWellKnown() && SpecialRanges.nonGlobal(embedded)) {
                return NON_GLOBAL;
            }
            v4 = embedded & 0xFFFFFFFFL;
        }
        return SpecialRanges.alwaysDropped((int) v4) ? RESERVED : v4;
    }

    @Override
    public long localToIpv4(byte[] a, int at, long fallback) {
        long v4 = remoteToIpv4(a, at);
        if (v4 == NO_MAPPING) {
            v4 = fallback;
            if (v4 >= 0 && SpecialRanges.alwaysDropped((int) v4)) {
                return RESERVED;
            }
        }
        return v4;
    }

    @Override
    public long remoteToIpv6(int ipv4, byte[] out, int at) {
        if (SpecialRanges.alwaysDropped(ipv4)) {
            return RESERVED;
        }
        if (!explicit.isEmpty() && explicit.toIpv6(ipv4, out, at)) {
            return 0;
        }
        if (checkWellKnown && prefix.isWellKnown() && SpecialRanges.nonGlobal(ipv4)) {
            return NON_GLOBAL;
        }
        prefix.embed(ipv4, out, at);
        return 0;
    }

    @Override
    public long localToIpv6(int ipv4, byte[] out, int at) {
        if (clients != null) {
            // In the gateway only mapped and learned addresses are the translator's; anything else
            // (broadcast, multicast, plain IPv4 clients) is not, and passes untouched.
            boolean mapped = (!explicit.isEmpty() && explicit.toIpv6(ipv4, out, at)) || clients.lookup(ipv4, out, at);
            return !mapped ? NO_MAPPING : SpecialRanges.alwaysDropped(ipv4) ? RESERVED : 0;
        }
        if (SpecialRanges.alwaysDropped(ipv4)) {
            return RESERVED;
        }
        if (!explicit.isEmpty() && explicit.toIpv6(ipv4, out, at)) {
            return 0;
        }
        if (checkWellKnown && prefix.isWellKnown() && SpecialRanges.nonGlobal(ipv4)) {
            return NON_GLOBAL;
        }
        prefix.embed(ipv4, out, at);
        return 0;
    }

    private static long high(byte[] a, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[at + i] & 0xFF);
        }
        return v;
    }
}
