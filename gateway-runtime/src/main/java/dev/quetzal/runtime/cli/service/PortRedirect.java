package dev.quetzal.runtime.cli.service;

/**
 * Rules that send IKE and NAT-T (UDP 500 and 4500) for a spare address to Quetzal's own ports, so a client on the
 * same host (whose built-in IKEv2 client dials only 500/4500) reaches a Quetzal that runs unprivileged on other
 * ports: a pf anchor for macOS (pf.conf(5), rdr on lo0 with the spare address as an lo0 alias) and an nftables
 * table for Linux (nft(8), redirect in the nat output hook for local clients and prerouting for others).
 */
public final class PortRedirect {
    /** TEST-NET-1 (RFC 5737): never routed, so it cannot hide a real host. */
    public static final String DEFAULT_ADDRESS = "192.0.2.40";
    static final String ANCHOR = "com.apple/quetzal";
    static final String TABLE = "quetzal";

    private PortRedirect() {}

    public static String pf(String spare, ServiceSettings settings) {
        String target = target(settings);
        return """
                # Quetzal: IKE to %1$s goes to Quetzal on %2$s (UDP %3$d and %4$d). Load it with:
                #   sudo ifconfig lo0 alias %1$s/32 up
                #   sudo pfctl -a %5$s -f quetzal.pf && sudo pfctl -E
                # (/etc/pf.conf loads the anchors under com.apple/); remove: sudo pfctl -a %5$s -F all
                rdr pass on lo0 inet proto udp from any to %1$s port 500 -> %2$s port %3$d
                rdr pass on lo0 inet proto udp from any to %1$s port 4500 -> %2$s port %4$d
                """.formatted(spare, target, settings.ikePort(), settings.natPort(), ANCHOR);
    }

    public static String nftables(String spare, ServiceSettings settings) {
        return """
                # Quetzal: IKE to %1$s goes to Quetzal's ports (UDP %2$d and %3$d) on this host. Load it with:
                #   sudo nft -f quetzal.nft       (remove: sudo nft delete table ip %4$s)
                # and let clients reach %1$s (for a client on this host: ip address add %1$s/32 dev lo).
                table ip %4$s {
                	chain output {
                		type nat hook output priority -100; policy accept;
                		ip daddr %1$s udp dport 500 redirect to :%2$d
                		ip daddr %1$s udp dport 4500 redirect to :%3$d
                	}
                	chain prerouting {
                		type nat hook prerouting priority dstnat; policy accept;
                		ip daddr %1$s udp dport 500 redirect to :%2$d
                		ip daddr %1$s udp dport 4500 redirect to :%3$d
                	}
                }
                """.formatted(spare, settings.ikePort(), settings.natPort(), TABLE);
    }

    /** Where pf sends the packets: Quetzal's listen address, or loopback when it listens on every address. */
    private static String target(ServiceSettings settings) {
        String listen = settings.listenAddress();
        return listen.equals("0.0.0.0") ? "127.0.0.1" : listen;
    }

    /** The spare address: an IPv4 literal (the rules are IPv4 only), else IllegalArgumentException. */
    public static String checkAddress(String address) {
        if (!address.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            throw new IllegalArgumentException("--address: expected a spare IPv4 address such as " + DEFAULT_ADDRESS
                    + ", got \"" + address + "\"");
        }
        return address;
    }
}
