package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import java.util.List;

/** IPCP options (RFC 1332, RFC 1877), one policy per role; what they settled feeds {@link NetworkParameters}. */
sealed interface IpcpPolicy extends OptionPolicy permits IpcpServerPolicy, IpcpClientPolicy {
    Ipv4Address ANY = new Ipv4Address(0);

    /** Our IPv4 address as settled. */
    Ipv4Address localAddress();

    /** The peer's IP-Address option as acknowledged, or null when it sent none (or 0.0.0.0). */
    Ipv4Address peerAddress();

    /** Client: DNS servers adopted from the server's Nak; server: the servers it offers. */
    List<Ipv4Address> dnsServers();

    static boolean isAddress(ConfigOption option) {
        return option.value().length == 4;
    }

    static Ipv4Address address(ConfigOption option) {
        return new Ipv4Address((int) option.valueAsLong());
    }

    /** The value of an address option in a peer's acknowledged request, or null. */
    static Ipv4Address find(List<ConfigOption> options, int type) {
        for (ConfigOption option : options) {
            if (option.type() == type && isAddress(option)) {
                Ipv4Address address = address(option);
                return address.equals(ANY) ? null : address;
            }
        }
        return null;
    }
}
