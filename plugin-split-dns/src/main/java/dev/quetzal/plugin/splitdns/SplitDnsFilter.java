package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code split-dns} filter: publishes the routes of the tunnel domains (learned from DNS answers
 * and from its own queries), static routes and the uplink's DNS servers; keeps client queries for
 * other names out of the tunnel; drops client packets to destinations outside the route set.
 */
public final class SplitDnsFilter implements PacketFilter {
    static final String SOURCE_PREFIX = "split-dns:";
    static final String STATIC_SOURCE = "split-dns:static";
    static final String DNS_SERVERS_SOURCE = "split-dns:dns-servers";
    static final String DOMAINS_SOURCE = "split-dns";
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SplitDnsFilter.class);
    private static final Verdict.Drop OUTSIDE_ROUTES = Verdict.drop("outside-routes");
    /** DNS over TCP flows followed at once; more evict the idlest. */
    static final int MAX_TCP_FLOWS = 64;
    /** RFC 7766 §6.2.3 lets servers close idle connections after seconds; a flow quiet this long is over. */
    static final Duration TCP_IDLE = Duration.ofSeconds(30);

    private final SplitDnsConfig config;
    private final FilterContext context;
    private final SplitDnsCounters counters;
    private final LearnedAddresses learned;
    private final ProactiveQueries proactive;
    private final ClientQueries clientQueries;
    private final TcpDnsStreams tcpAnswers;
    private volatile RouteLookup lookup = RouteLookup.FULL_TUNNEL;
    /** Configured tunnel domains plus the uplink's DNS suffixes: names whose addresses are learned. */
    private volatile List<String> tunnelDomains;
    /** Tunnel domains plus dnsDomains: client queries for these enter the tunnel. */
    private volatile List<String> passDomains;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private Scheduler.Cancellable ticker;

    SplitDnsFilter(SplitDnsConfig config, FilterContext context) {
        this.config = config;
        this.context = context;
        this.counters = SplitDnsCounters.register(context.metrics());
        this.learned = new LearnedAddresses(config.ttlFloor().toNanos(), config.grace().toNanos(), config.maxLearned());
        this.proactive = new ProactiveQueries(config.tunnelDomains(), config.ttlFloor().toNanos(), context.secureRandom(),
                counters, this::sendQuery);
        this.clientQueries = new ClientQueries(context, counters, config.refusesOtherQueries());
        this.tcpAnswers = new TcpDnsStreams(MAX_TCP_FLOWS, TCP_IDLE.toNanos(), counters.tcpDropped(), this::tcpMessage);
        setSuffixes(List.of());
        context.metrics().gauge("quetzal_split_dns_learned_addresses", "Addresses learned now.", learned::size);
    }

    @Override
    public void start() {
        List<Route> statics = new ArrayList<>();
        config.staticRoutes().forEach(p -> statics.add(Route.include(p, STATIC_SOURCE)));
        config.excludeRoutes().forEach(p -> statics.add(Route.exclude(p, STATIC_SOURCE)));
        RouteRegistry routes = context.routes();
        if (!statics.isEmpty()) {
            routes.publish(STATIC_SOURCE, statics);
        }
        if (!config.isFullTunnel() && !config.dnsDomains().isEmpty()) {
            publishDnsDomains(config.dnsDomains());
        }
        subscriptions.add(routes.subscribe(set -> lookup = RouteLookup.of(set, !config.isFullTunnel())));
        subscriptions.add(context.uplink().subscribe(this::uplinkChanged));
        ticker = context.scheduler().scheduleWithFixedDelay(TICK, TICK, this::tick);
    }

    @Override
    public Verdict outbound(PacketBuffer packet, ClientSession client) {
        int udp = UdpPackets.udpOffset(packet);
        if (udp >= 0 && UdpPackets.destinationPort(packet, udp) == ProactiveQueries.DNS_PORT && !config.tunnelDomains().isEmpty()) {
            Verdict answered = clientQueries.handle(packet, udp, client, passDomains);
            if (answered != null) {
                return answered;
            }
        } else if (udp < 0 && !config.tunnelDomains().isEmpty()) {
            int tcp = TcpSegments.tcpOffset(packet);
            if (tcp >= 0 && TcpSegments.destinationPort(packet, tcp) == ProactiveQueries.DNS_PORT
                    && clientQueries.isOtherTcpQuery(packet, tcp, passDomains)) {
                // A REFUSED answer would need the stream's state; a reset ends the client's wait at once.
                TcpSegments.resetInPlace(packet, tcp);
                counters.tcpQueriesReset().increment();
                return Verdict.REPLY;
            }
        }
        RouteLookup current = lookup;
        if (current.isFullTunnel()) {
            return Verdict.PASS;
        }
        int version = packet.ipVersion();
        boolean allowed;
        if (version == 4 && packet.length() >= Ipv4Header.MIN_LENGTH) {
            allowed = current.allowsIpv4(Ipv4Header.destination(packet));
        } else if (version == 6 && packet.length() >= Ipv6Header.LENGTH) {
            allowed = current.allowsIpv6(Ipv6Header.destinationHigh(packet), Ipv6Header.destinationLow(packet));
        } else {
            return Verdict.PASS; // not IP: the router's own checks drop it
        }
        return allowed ? Verdict.PASS : OUTSIDE_ROUTES;
    }

    @Override
    public Verdict inbound(PacketBuffer packet) {
        int udp = UdpPackets.udpOffset(packet);
        if (udp < 0) {
            inboundTcp(packet);
            return Verdict.PASS;
        }
        if (UdpPackets.sourcePort(packet, udp) != ProactiveQueries.DNS_PORT) {
            return Verdict.PASS;
        }
        DnsMessage.Parse parse = DnsReader.read(packet.array(), packet.arrayOffset() + udp + UdpPackets.UDP_HEADER,
                UdpPackets.payloadLength(packet, udp));
        if (!(parse instanceof DnsMessage.Parsed(DnsMessage message))) {
            counters.malformed().increment();
            return Verdict.PASS;
        }
        if (!message.isResponse()) {
            return Verdict.PASS;
        }
        long now = context.time().nanoTime();
        learn(message, now);
        if (proactive.accept(UdpPackets.sourceAddress(packet), UdpPackets.sourcePort(packet, udp),
                UdpPackets.destinationAddress(packet), UdpPackets.destinationPort(packet, udp), message.id(),
                smallestTtl(message), now)) {
            packet.release();
            return Verdict.CONSUMED;
        }
        return Verdict.PASS;
    }

    /** RFC 7766 §8: answers over TCP carry addresses too (big record sets, after TC); the segment itself passes. */
    private void inboundTcp(PacketBuffer packet) {
        if (config.isFullTunnel()) {
            return;
        }
        int tcp = TcpSegments.tcpOffset(packet);
        if (tcp >= 0 && TcpSegments.sourcePort(packet, tcp) == ProactiveQueries.DNS_PORT) {
            tcpAnswers.segment(packet, tcp, context.time().nanoTime());
        }
    }

    /** One whole DNS message from a TCP stream from port 53. */
    private void tcpMessage(byte[] data, int offset, int length) {
        counters.tcpMessages().increment();
        DnsMessage.Parse parse = DnsReader.read(data, offset, length);
        if (!(parse instanceof DnsMessage.Parsed(DnsMessage message))) {
            counters.malformed().increment();
            return;
        }
        if (message.isResponse()) {
            learn(message, context.time().nanoTime());
        }
    }

    @Override
    public Map<String, Object> status() {
        long now = context.time().nanoTime();
        java.time.Instant wall = context.time().now();
        Map<String, Object> domains = new LinkedHashMap<>();
        learned.remaining(now).forEach((domain, addresses) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            addresses.forEach((address, left) -> rows.add(Map.of(
                    "address", address.toString(), "expires", wall.plusNanos(left).toString())));
            domains.put(domain, rows);
        });
        return Map.of("tunnelDomains", tunnelDomains, "fullTunnel", lookup.isFullTunnel(), "learned", domains,
                "tcpFlows", tcpAnswers.size());
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel();
        }
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                // A subscription's close does not throw by contract; nothing else to release.
            }
        }
        subscriptions.clear();
        proactive.stop();
        try {
            RouteRegistry routes = context.routes();
            routes.publish(STATIC_SOURCE, List.of());
            routes.publish(DNS_SERVERS_SOURCE, List.of());
            for (String domain : learned.domains()) {
                routes.publish(SOURCE_PREFIX + domain, List.of());
            }
            if (!config.isFullTunnel() && !config.dnsDomains().isEmpty()) {
                publishDnsDomains(List.of());
            }
        } catch (RuntimeException e) {
            // close must not throw; the registry goes away with the gateway anyway.
        }
    }

    /** The sweep: withdraws expired addresses and sends the proactive queries that are due. */
    void tick() {
        long now = context.time().nanoTime();
        LearnedAddresses.Expiry expiry = learned.expire(now);
        counters.expired().add(expiry.removed());
        publish(expiry.changedDomains());
        proactive.tick(now);
        tcpAnswers.expire(now);
    }

    private void learn(DnsMessage message, long now) {
        if (config.isFullTunnel()) {
            return; // everything goes through the tunnel: there is nothing to learn routes for
        }
        Set<String> changed = new TreeSet<>();
        for (AnswerAddresses.Found found : AnswerAddresses.under(message, tunnelDomains)) {
            if (learned.learn(found.domain(), found.name(), found.address(), found.ttl(), now)
                    == LearnedAddresses.Outcome.ADDED) {
                counters.learned().increment();
                changed.add(found.domain());
            }
        }
        publish(changed);
    }

    /** One publish per changed source; serialized so the last publish always carries the latest set. */
    private synchronized void publish(Collection<String> domains) {
        for (String domain : domains) {
            context.routes().publish(SOURCE_PREFIX + domain, learned.routes(domain));
        }
    }

    /** RFC 8598 split domains; a runtime before API 1.2 cannot carry them, which is worth a warning, not a failed start. */
    private void publishDnsDomains(List<String> domains) {
        try {
            context.routes().publishDnsDomains(DOMAINS_SOURCE, domains);
        } catch (UnsupportedOperationException e) {
            if (!domains.isEmpty()) {
                LOG.warn("split-dns: this runtime's route registry does not carry DNS domains (API 1.2); clients are "
                        + "not offered {} as split-DNS domains", domains);
            }
        }
    }

    private void uplinkChanged(BackendState state) {
        long now = context.time().nanoTime();
        if (state instanceof BackendState.Connected(UplinkInfo uplink)) {
            setSuffixes(uplink.dnsSuffixes());
            if (!config.isFullTunnel()) {
                context.routes().publish(DNS_SERVERS_SOURCE,
                        uplink.dnsServers().stream().map(s -> Route.include(IpPrefix.host(s), DNS_SERVERS_SOURCE)).toList());
            }
            proactive.start(uplink, now);
        } else {
            proactive.stop();
        }
    }

    private void setSuffixes(List<String> suffixes) {
        Set<String> domains = new TreeSet<>(config.tunnelDomains());
        for (String suffix : suffixes) {
            if (DomainName.isValid(suffix)) {
                domains.add(DomainName.normalize(suffix));
            }
        }
        tunnelDomains = List.copyOf(domains);
        Set<String> pass = new TreeSet<>(domains);
        pass.addAll(config.dnsDomains());
        passDomains = List.copyOf(pass);
    }

    private void sendQuery(IpAddress source, int sourcePort, IpAddress server, byte[] query) {
        PacketBuffer packet = context.buffers().acquire();
        if (UdpPackets.write(packet, source, sourcePort, server, ProactiveQueries.DNS_PORT, query)) {
            context.inject(Direction.OUTBOUND, packet, null);
        } else {
            packet.release();
        }
    }

    /** The smallest TTL among the answer's records; 0 when it has none, so the floor applies. */
    private static long smallestTtl(DnsMessage message) {
        long ttl = Long.MAX_VALUE;
        for (DnsMessage.ResourceRecord record : message.answers()) {
            ttl = Math.min(ttl, record.ttl());
        }
        return ttl == Long.MAX_VALUE ? 0 : ttl;
    }
}
