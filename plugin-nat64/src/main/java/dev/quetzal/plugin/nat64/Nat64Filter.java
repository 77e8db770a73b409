package dev.quetzal.plugin.nat64;

import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.plugin.nat64.address.ClientTable;
import dev.quetzal.plugin.nat64.address.StatelessMapper;
import dev.quetzal.plugin.nat64.xlat.PacketOutput;
import dev.quetzal.plugin.nat64.xlat.Translation;
import dev.quetzal.plugin.nat64.xlat.Translator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code nat64} filter. Outbound, an
 * IPv6 packet for the Pref64 (or an explicit mapping) becomes IPv4 (RFC 7915 §5), its source taken
 * from an explicit mapping, the Pref64, or else the client's own IPv4 inner address, which is then
 * learned for the way back. Inbound, an IPv4 packet for a learned client (or an explicit mapping)
 * becomes IPv6 (§4). Everything else passes unchanged, so dual stack keeps working. DNS packets go
 * to the {@link DnsInterceptor} first.
 *
 * <p>Thread-safe and allocation-free per packet: the translator is stateless, the learned table is
 * read from an immutable snapshot, and verdicts and counters are made up front.
 */
public final class Nat64Filter implements PacketFilter {
    private static final int DNS_PORT = 53;

    private final Nat64Config config;
    private final FilterContext context;
    private final ClientTable clients = new ClientTable();
    private final TranslatedFlows flows = new TranslatedFlows();
    /** Read on every translated packet: kept, so that the clock is not looked up per packet. */
    private final TimeSource time;
    private final StatelessMapper mapper;
    private final Translator translator;
    private final Map<Translation.Dropped, Verdict.Drop> verdicts = new IdentityHashMap<>();
    private final Map<Translation.Dropped, Metrics.Counter> drops = new IdentityHashMap<>();
    private final Metrics.Counter toIpv4;
    private final Metrics.Counter toIpv6;
    private final Metrics.Counter errorsSent;
    private final PacketOutput fragments;
    private volatile DnsInterceptor dns = DnsInterceptor.NONE;

    public Nat64Filter(Nat64Config config, FilterContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.time = context.time();
        this.mapper = Nat64Setup.mapper(config, clients);
        this.translator = new Translator(mapper, Nat64Setup.settings(config), () -> context.time().nanoTime());
        Metrics metrics = context.metrics();
        for (Translation.Dropped d : Translation.ALL_DROPS) {
            verdicts.put(d, Verdict.drop("nat64-" + d.reason()));
            drops.put(d, metrics.counter("quetzal_nat64_dropped_total", "Packets the NAT64 translator dropped, by reason",
                    "reason", d.reason()));
        }
        toIpv4 = metrics.counter("quetzal_nat64_translated_total", "Packets translated", "direction", "6to4");
        toIpv6 = metrics.counter("quetzal_nat64_translated_total", "Packets translated", "direction", "4to6");
        errorsSent = metrics.counter("quetzal_nat64_icmp_errors_sent_total", "ICMP errors the translator sent itself");
        fragments = new PacketOutput() {
            @Override
            public PacketBuffer acquire() {
                return context.buffers().acquire();
            }

            @Override
            public void emit(PacketBuffer packet) {
                context.inject(Direction.INBOUND, packet, null);
            }
        };
    }

    /** Installs DNS64 (set once, from the factory, before {@link #start()}). */
    public void dnsInterceptor(DnsInterceptor interceptor) {
        this.dns = Objects.requireNonNull(interceptor, "interceptor");
    }

    public Nat64Config config() {
        return config;
    }

    /** The address mapping this filter translates with (the same Pref64 and mappings DNS64 must use, RFC 6147 §5.2). */
    public StatelessMapper mapper() {
        return mapper;
    }

    /**
     * Translates an IPv4 packet for a client to IPv6 as {@link #inbound} would, for DNS64 answers it
     * makes itself; extra fragments are injected inbound.
     */
    public Translation translateToIpv6(PacketBuffer packet) {
        return translator.toIpv6(packet, fragments);
    }

    /**
     * Translates an IPv6 packet from {@code client} to IPv4 as {@link #outbound} would (DNS64's own queries); its
     * flow is recorded, so that the answer becomes IPv6 again.
     */
    public Translation translateToIpv4(PacketBuffer packet, ClientSession client) {
        long clientIpv4 = clientIpv4(client);
        Translation t = translator.toIpv4(packet, clientIpv4);
        if (t == Translation.TRANSLATED && clientIpv4 >= 0 && (packet.getInt(12) & 0xFFFFFFFFL) == clientIpv4) {
            flows.recordOutbound(packet, time.nanoTime());
        }
        return t;
    }

    @Override
    public void start() throws Exception {
        context.routes().publish(routeSource(), routes());
        dns.start();
    }

    /** RFC 7915 §6 in a VPN: clients must send the Pref64 and the mapped IPv6 prefixes into the tunnel. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(Route.include(config.prefix(), routeSource()));
        for (Nat64Config.Mapping m : config.mappings()) {
            IpPrefix v6 = m.ipv6();
            if (!config.prefix().contains(v6)) {
                routes.add(Route.include(v6, routeSource()));
            }
        }
        return routes;
    }

    private String routeSource() {
        return "nat64:" + context.componentName();
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
        int version = packet.ipVersion();
        if (version == 4) {
            // An IPv4 address now sent from by another session no longer leads to the old client.
            if (client != null && packet.length() >= 20) {
                clients.forgetUnlessOwnedBy(packet.getInt(12), client);
            }
            return Verdict.PASS;
        }
        if (version != 6 || packet.length() < 40) {
            return Verdict.PASS;
        }
        long clientIpv4 = clientIpv4(client);
        long sourceHigh = packet.getLong(8);
        long sourceLow = packet.getLong(16);
        Translation t = translator.toIpv4(packet, clientIpv4);
        if (t == Translation.TRANSLATED) {
            toIpv4.increment();
            if (clientIpv4 >= 0 && (packet.getInt(12) & 0xFFFFFFFFL) == clientIpv4) {
                clients.learn((int) clientIpv4, sourceHigh, sourceLow, client);
                flows.recordOutbound(packet, time.nanoTime());
            }
            return Verdict.PASS;
        }
        return verdict(t);
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
        if (packet.ipVersion() != 4) {
            return Verdict.PASS;
        }
        if (nativeIpv4(packet)) {
            return Verdict.PASS;
        }
        Translation t = translator.toIpv6(packet, fragments);
        if (t == Translation.TRANSLATED) {
            toIpv6.increment();
            return Verdict.PASS;
        }
        return verdict(t);
    }

    /**
     * Whether an IPv4 packet towards a client is that dual-stack client's own IPv4 traffic: to a learned client
     * address (not an explicit mapping), with ports, and answering no flow this filter translated. It passes unchanged.
     */
    public boolean nativeIpv4(PacketBuffer packet) {
        if (packet.length() < 20) {
            return false;
        }
        int destination = packet.getInt(16);
        if (!clients.contains(destination) || mapper.explicitlyMapped(destination)) {
            return false;
        }
        return flows.answers(packet, time.nanoTime()) == TranslatedFlows.NATIVE;
    }

    private Verdict verdict(Translation t) {
        if (t instanceof Translation.Dropped d) {
            drops.get(d).increment();
            return verdicts.get(d);
        }
        if (t == Translation.REPLY) {
            errorsSent.increment();
            return Verdict.REPLY;
        }
        return Verdict.PASS;
    }

    /** The client's first IPv4 inner address, or -1. */
    static long clientIpv4(ClientSession client) {
        if (client == null) {
            return -1;
        }
        List<IpAddress> addresses = client.innerAddresses();
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i) instanceof Ipv4Address v4) {
                return v4.bits() & 0xFFFFFFFFL;
            }
        }
        return -1;
    }

    /** Index of the UDP/TCP header when the packet goes to (or comes from) port 53, else -1. */
    static int dnsTransportOffset(PacketBuffer packet, boolean toServer) {
        int len = packet.length();
        int version = packet.ipVersion();
        int proto;
        int l4;
        if (version == 4 && len >= 20) {
            if ((packet.getUnsignedShort(6) & 0x1FFF) != 0) {
                return -1;
            }
            proto = packet.getUnsignedByte(9);
            l4 = (packet.getUnsignedByte(0) & 0x0F) * 4;
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
        return Map.of("prefix", config.prefix().toString(),
                "learnedClients", clients.size(),
                "translated6to4", toIpv4.value(),
                "translated4to6", toIpv6.value(),
                "dns64", dns.status());
    }

    @Override
    public void close() {
        try {
            context.routes().publish(routeSource(), List.of());
        } catch (RuntimeException e) {
            // Closing must not throw (Component#close); the registry may already be gone.
        }
        dns.close();
    }
}
