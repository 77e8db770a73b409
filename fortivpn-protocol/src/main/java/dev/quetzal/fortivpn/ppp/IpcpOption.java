package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;

/** IPCP option types (RFC 1332, RFC 1877) and constructors. */
public final class IpcpOption {
    public static final int IP_COMPRESSION_PROTOCOL = 2;
    public static final int IP_ADDRESS = 3;
    public static final int PRIMARY_DNS = 129;
    public static final int PRIMARY_NBNS = 130;
    public static final int SECONDARY_DNS = 131;
    public static final int SECONDARY_NBNS = 132;

    private IpcpOption() {}

    /** An address-valued option (IP-Address, DNS, NBNS). */
    public static ConfigOption address(int type, Ipv4Address address) {
        return new ConfigOption(type, address.toBytes());
    }
}
