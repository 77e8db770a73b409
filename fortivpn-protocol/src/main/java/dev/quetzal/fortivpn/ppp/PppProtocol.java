package dev.quetzal.fortivpn.ppp;

/** PPP protocol field values (IANA "PPP DLL Protocol Numbers"). Unknown values are kept as ints. */
public final class PppProtocol {
    public static final int IPV4 = 0x0021;
    public static final int IPV6 = 0x0057;
    public static final int VJ_COMPRESSED = 0x002D;
    public static final int LCP = 0xC021;
    public static final int IPCP = 0x8021;
    public static final int IPV6CP = 0x8057;
    public static final int CCP = 0x80FD;

    private PppProtocol() {}

    /** A short name for logs, e.g. {@code LCP}, or {@code 0x80fd} style hex for unknown ones. */
    public static String name(int protocol) {
        return switch (protocol) {
            case IPV4 -> "IPv4";
            case IPV6 -> "IPv6";
            case VJ_COMPRESSED -> "VJ";
            case LCP -> "LCP";
            case IPCP -> "IPCP";
            case IPV6CP -> "IPv6CP";
            case CCP -> "CCP";
            default -> String.format("0x%04x", protocol);
        };
    }
}
