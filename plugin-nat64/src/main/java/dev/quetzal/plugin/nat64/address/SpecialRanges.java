package dev.quetzal.plugin.nat64.address;

/** IPv4 ranges a translator must not translate (RFC 6052 §3.1, RFC 7915 §4.1 and §5.1, RFC 6890). */
public final class SpecialRanges {
    private SpecialRanges() {}

    /**
     * Never translated: "this network" 0/8, loopback 127/8, link-local 169.254/16 and multicast
     * 224/4 (RFC 7915 §4.1: the translator only handles unicast it can route).
     */
    public static boolean alwaysDropped(int ipv4) {
        int first = ipv4 >>> 24;
        return first == 0 || first == 127 || (ipv4 >>> 16) == 0xA9FE || (first & 0xF0) == 0xE0;
    }

    /**
     * Not global, so never embedded in 64:ff9b::/96 (RFC 6052 §3.1): RFC 1918, shared 100.64/10, the
     * three TEST-NETs and benchmarking 198.18/15. 240/4, 192.0.0.0/29 and 192.88.99/24 stay allowed,
     * and under 64:ff9b:1::/48 (RFC 8215) all of these are.
     */
    public static boolean nonGlobal(int ipv4) {
        int first = ipv4 >>> 24;
        int top16 = ipv4 >>> 16;
        int top24 = ipv4 >>> 8;
        return first == 10
                || (ipv4 >>> 20) == 0xAC1 // 172.16/12
                || top16 == 0xC0A8 // 192.168/16
                || (ipv4 >>> 22) == (0x6440 >>> 6) // 100.64/10
                || top24 == 0xC00002 // 192.0.2/24
                || top24 == 0xC63364 // 198.51.100/24
                || top24 == 0xCB0071 // 203.0.113/24
                || (ipv4 >>> 17) == (0xC612 >>> 1); // 198.18/15
    }
}
