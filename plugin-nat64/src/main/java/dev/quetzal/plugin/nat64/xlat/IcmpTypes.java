package dev.quetzal.plugin.nat64.xlat;

/**
 * The ICMP type, code and pointer tables of RFC 7915 §4.2 (ICMPv4 to ICMPv6) and §5.2 (ICMPv6 to
 * ICMPv4). Results are {@code type << 8 | code}, or -1 for "silently drop".
 */
public final class IcmpTypes {
    public static final int ICMP4_ECHO_REPLY = 0;
    public static final int ICMP4_DEST_UNREACHABLE = 3;
    public static final int ICMP4_ECHO_REQUEST = 8;
    public static final int ICMP4_TIME_EXCEEDED = 11;
    public static final int ICMP4_PARAMETER_PROBLEM = 12;
    public static final int ICMP6_DEST_UNREACHABLE = 1;
    public static final int ICMP6_PACKET_TOO_BIG = 2;
    public static final int ICMP6_TIME_EXCEEDED = 3;
    public static final int ICMP6_PARAMETER_PROBLEM = 4;
    public static final int ICMP6_ECHO_REQUEST = 128;
    public static final int ICMP6_ECHO_REPLY = 129;

    /** RFC 1191 §7.1 plateau table, largest first, for a Fragmentation Needed with MTU zero. */
    private static final int[] PLATEAUS = {65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    private IcmpTypes() {}

    /** True for ICMPv4 error types this translator knows (they carry an inner packet). */
    public static boolean isIcmp4Error(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** RFC 4443 §2.1: types below 128 are errors. */
    public static boolean isIcmp6Error(int type) {
        return type < 128;
    }

    /** RFC 7915 §4.2: ICMPv4 type/code to ICMPv6 (errors and echo). */
    public static int toIcmp6(int type, int code) {
        return switch (type) {
            case ICMP4_ECHO_REQUEST -> code == 0 ? ICMP6_ECHO_REQUEST << 8 : -1;
            case ICMP4_ECHO_REPLY -> code == 0 ? ICMP6_ECHO_REPLY << 8 : -1;
            case ICMP4_DEST_UNREACHABLE -> switch (code) {
                case 0, 1, 5, 6, 7, 8, 11, 12 -> ICMP6_DEST_UNREACHABLE << 8; // no route
                case 2 -> ICMP6_PARAMETER_PROBLEM << 8 | 1; // unrecognized Next Header, pointer 6
                case 3 -> ICMP6_DEST_UNREACHABLE << 8 | 4; // port unreachable
                case 4 -> ICMP6_PACKET_TOO_BIG << 8;
                case 9, 10, 13, 15 -> ICMP6_DEST_UNREACHABLE << 8 | 1; // administratively prohibited
                default -> -1; // 14 host precedence violation and unknown codes
            };
            case ICMP4_TIME_EXCEEDED -> code <= 1 ? ICMP6_TIME_EXCEEDED << 8 | code : -1;
            case ICMP4_PARAMETER_PROBLEM -> code == 0 || code == 2 ? ICMP6_PARAMETER_PROBLEM << 8 : -1;
            // Information, timestamp, address mask, router advertisement/solicitation, redirect,
            // source quench, alternate host address and unknown types: single-hop or obsolete.
            default -> -1;
        };
    }

    /** RFC 7915 §5.2: ICMPv6 type/code to ICMPv4 (errors and echo). */
    public static int toIcmp4(int type, int code) {
        return switch (type) {
            case ICMP6_ECHO_REQUEST -> code == 0 ? ICMP4_ECHO_REQUEST << 8 : -1;
            case ICMP6_ECHO_REPLY -> code == 0 ? ICMP4_ECHO_REPLY << 8 : -1;
            case ICMP6_DEST_UNREACHABLE -> switch (code) {
                case 0, 2, 3 -> ICMP4_DEST_UNREACHABLE << 8 | 1; // host unreachable
                case 1 -> ICMP4_DEST_UNREACHABLE << 8 | 10; // communication with host administratively prohibited
                case 4 -> ICMP4_DEST_UNREACHABLE << 8 | 3; // port unreachable
                default -> -1;
            };
            case ICMP6_PACKET_TOO_BIG -> code == 0 ? ICMP4_DEST_UNREACHABLE << 8 | 4 : -1;
            case ICMP6_TIME_EXCEEDED -> code <= 1 ? ICMP4_TIME_EXCEEDED << 8 | code : -1;
            case ICMP6_PARAMETER_PROBLEM -> switch (code) {
                case 0 -> ICMP4_PARAMETER_PROBLEM << 8;
                case 1 -> ICMP4_DEST_UNREACHABLE << 8 | 2; // protocol unreachable
                default -> -1;
            };
            // MLD, neighbor discovery, redirect and unknown informational types are single-hop.
            default -> -1;
        };
    }

    /** RFC 7915 §4.2 Figure 3: an ICMPv4 Parameter Problem pointer to the ICMPv6 one, or -1. */
    public static int pointer4to6(int pointer) {
        return switch (pointer) {
            case 0 -> 0;
            case 1 -> 1;
            case 2, 3 -> 4;
            case 8 -> 7;
            case 9 -> 6;
            case 12, 13, 14, 15 -> 8;
            case 16, 17, 18, 19 -> 24;
            default -> -1; // identification, flags, fragment offset, checksum, options
        };
    }

    /** RFC 7915 §5.2 Figure 6: an ICMPv6 Parameter Problem pointer to the ICMPv4 one, or -1. */
    public static int pointer6to4(long pointer) {
        if (pointer < 0 || pointer > 39) {
            return -1;
        }
        int p = (int) pointer;
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            return 1;
        }
        if (p == 4 || p == 5) {
            return 2;
        }
        if (p == 6) {
            return 9;
        }
        if (p == 7) {
            return 8;
        }
        if (p >= 8 && p <= 23) {
            return 12;
        }
        if (p >= 24) {
            return 16;
        }
        return -1; // 2, 3: the flow label has no IPv4 counterpart
    }

    /**
     * RFC 7915 §4.2: the Packet Too Big MTU for a Fragmentation Needed: the IPv4 MTU plus 20, at
     * least 1280 (§6); when the router left it zero (pre-RFC 1191), the largest RFC 1191 plateau
     * below the inner packet's Total Length.
     */
    public static int packetTooBigMtu(int ipv4Mtu, int innerTotalLength, int ipv6NextHopMtu) {
        int mtu = ipv4Mtu;
        if (mtu == 0) {
            mtu = PLATEAUS[PLATEAUS.length - 1];
            for (int plateau : PLATEAUS) {
                if (plateau < innerTotalLength) {
                    mtu = plateau;
                    break;
                }
            }
        }
        return Math.max(1280, Math.min(mtu + 20, ipv6NextHopMtu));
    }

    /** RFC 7915 §5.2: the Fragmentation Needed MTU for a Packet Too Big: the IPv6 MTU less 20, within 68..65535. */
    public static int fragmentationNeededMtu(long ipv6Mtu) {
        long mtu = ipv6Mtu - 20;
        return (int) Math.max(68, Math.min(mtu, 0xFFFF));
    }
}
