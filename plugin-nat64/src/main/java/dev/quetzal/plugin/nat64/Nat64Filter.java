package dev.quetzal.plugin.nat64;

import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code nat64} filter: translates IPv6 packets for the Pref64 to IPv4 on the way out and IPv4
 * packets for translated clients back to IPv6 (RFC 7915), handing DNS packets to a {@link
 * DnsInterceptor} first.
 */
public final class Nat64Filter implements PacketFilter {
    private static final int DNS_PORT = 53;

    private final Nat64Config config;
    private final FilterContext context;
    private volatile DnsInterceptor dns = DnsInterceptor.NONE;

    public Nat64Filter(Nat64Config config, FilterContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Installs DNS64 (set once, from the factory, before {@link #start()}). */
    public void dnsInterceptor(DnsInterceptor interceptor) {
        this.dns = Objects.requireNonNull(interceptor, "interceptor");
    }

    public Nat64Config config() {
        return config;
    }

    @Override
    public void start() throws Exception {
        dns.start();
    }

    @Override
    public Verdict outbound(PacketBuffer packet, ClientSession client) {
        int l4 = dnsTransportOffset(packet, true);
        if (l4 >= 0) {
            Verdict v = dns.outbound(packet, l4, client);
            if (v != Verdict.PASS) {
                return v;
            }
        }
        return Verdict.PASS;
    }

    @Override
    public Verdict inbound(PacketBuffer packet) {
        int l4 = dnsTransportOffset(packet, false);
        if (l4 >= 0) {
            Verdict v = dns.inbound(packet, l4);
            if (v != Verdict.PASS) {
                return v;
            }
        }
        return Verdict.PASS;
    }

    /** Index of the UDP/TCP header when the packet goes to (or comes from) port 53, else -1. */
    static int dnsTransportOffset(PacketBuffer packet, boolean toServer) {
        int len = packet.length();
        int version = packet.ipVersion();
        int proto;
        int l4;
        if (version == 4 && len >= 20) {
            int ihl = (packet.getUnsignedByte(0) & 0x0F) * 4;
            if ((packet.getUnsignedShort(6) & 0x1FFF) != 0) {
                return -1;
            }
            proto = packet.getUnsignedByte(9);
            l4 = ihl;
        } else if (version == 6 && len >= 40) {
            proto = packet.getUnsignedByte(6);
            l4 = 40;
            if (proto == 44 && len >= 48) {
                if ((packet.getUnsignedShort(42) & 0xFFF8) != 0) {
                    return -1;
                }
                proto = packet.getUnsignedByte(40);
                l4 = 48;
            }
        } else {
            return -1;
        }
        if ((proto != 17 && proto != 6) || l4 + 4 > len) {
            return -1;
        }
        int port = packet.getUnsignedShort(l4 + (toServer ? 2 : 0));
        return port == DNS_PORT ? l4 : -1;
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("prefix", config.prefix().toString(), "dns64", dns.status());
    }

    @Override
    public void close() {
        dns.close();
    }
}
