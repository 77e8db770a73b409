package dev.quetzal.api.packet;

/**
 * An IANA "Assigned Internet Protocol Number" (the IPv4 protocol / IPv6 next-header field). Unknown
 * numbers are kept, never rejected.
 */
public record IpProtocol(int value) {
    public static final IpProtocol HOPOPT = new IpProtocol(0);
    public static final IpProtocol ICMP = new IpProtocol(1);
    public static final IpProtocol TCP = new IpProtocol(6);
    public static final IpProtocol UDP = new IpProtocol(17);
    public static final IpProtocol IPV6_ROUTE = new IpProtocol(43);
    public static final IpProtocol IPV6_FRAG = new IpProtocol(44);
    public static final IpProtocol ESP = new IpProtocol(50);
    public static final IpProtocol ICMPV6 = new IpProtocol(58);
    public static final IpProtocol IPV6_NONXT = new IpProtocol(59);
    public static final IpProtocol IPV6_OPTS = new IpProtocol(60);

    public IpProtocol {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("IP protocol number outside 0..255: " + value);
        }
    }

    public static IpProtocol valueOf(int value) {
        return switch (value) {
            case 1 -> ICMP;
            case 6 -> TCP;
            case 17 -> UDP;
            case 58 -> ICMPV6;
            default -> new IpProtocol(value);
        };
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "HOPOPT";
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 43 -> "IPv6-Route";
            case 44 -> "IPv6-Frag";
            case 50 -> "ESP";
            case 58 -> "IPv6-ICMP";
            case 59 -> "IPv6-NoNxt";
            case 60 -> "IPv6-Opts";
            default -> Integer.toString(value);
        };
    }
}
