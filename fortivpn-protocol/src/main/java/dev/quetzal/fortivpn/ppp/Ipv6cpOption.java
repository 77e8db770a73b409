package dev.quetzal.fortivpn.ppp;

/** IPv6CP option types (RFC 5072 §4). */
public final class Ipv6cpOption {
    public static final int INTERFACE_IDENTIFIER = 1;
    public static final int IPV6_COMPRESSION_PROTOCOL = 2;

    private Ipv6cpOption() {}

    /** RFC 5072 §4.1: the 64-bit interface identifier. */
    public static ConfigOption interfaceIdentifier(long id) {
        return ConfigOption.ofNumber(INTERFACE_IDENTIFIER, id, 8);
    }
}
