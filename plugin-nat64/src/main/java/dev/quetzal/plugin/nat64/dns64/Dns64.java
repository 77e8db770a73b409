package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.TimeSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS64 (RFC 6147) inside the gateway, on packets as the client sees them: queries before the
 * translator changes them, answers after. It intercepts UDP and TCP port 53 towards the DNS servers
 * the gateway hands out, for the configured suffixes only; everything else passes untouched, and a
 * packet that is not DNS64's costs a few header reads and no allocation.
 *
 * <p>For a AAAA query it lets the query go and looks at the answer: real AAAA records pass, NXDOMAIN
 * passes, and NODATA or an error makes it send an A query itself (towards the same server, from the
 * client's address and port, with its own ID), catch that answer, and give the client the AAAA
 * records synthesized from it. Malformed DNS is passed on untouched and counted, never thrown on: the
 * server or the client rejects it as it would without us.
 *
 * <p>Thread-safe: {@link #outbound} runs on frontend threads, {@link #inbound} on the backend's reader,
 * {@link #expire} on a timer; the only shared state is lock-free.
 */
public final class Dns64 {
    private static final Logger LOG = LoggerFactory.getLogger(Dns64.class);
    /** RFC 1035 §4.2.1: the UDP limit without EDNS. */
    static final int CLASSIC_UDP_SIZE = 512;
    /** The EDNS size DNS64's own queries offer (DNS flag day 2020). */
    static final int OWN_EDNS_SIZE = 1232;
    static final int MAX_PENDING = 4096;
    /** CNAME/DNAME links DNS64 follows itself, beyond what the server's answers already followed. */
    static final int MAX_CHAIN = 8;

    /** Where DNS64 sends the packets it makes. Implemented by the filter around the translator. */
    public interface Network {
        /** Sends a packet shaped as if {@code client} had sent it towards the network (translated if needed). Takes ownership. */
        void toServer(PacketBuffer packet, ClientSession client);

        /** Sends a packet shaped as the client expects it (already in the client's family) to {@code client}. Takes ownership. */
        void toClient(PacketBuffer packet, ClientSession client);

        /** An empty buffer for a packet DNS64 makes. */
        PacketBuffer acquire();
    }

    private final Dns64Config config;
    private final Synthesizer synthesizer;
    private final AddressSynthesis addresses;
    private final Network network;
    private final TimeSource time;
    private final long timeoutNanos;
    private final PendingQueries pending = new PendingQueries(MAX_PENDING);
    private final Dns64Counters counters = new Dns64Counters();
    private final TcpDnsFlows tcp;
    private volatile SuffixMatcher suffixes;
    private volatile InterceptedServers servers = InterceptedServers.NONE;

    public Dns64(Dns64Config config, AddressSynthesis addresses, Network network, TimeSource time) {
        this.config = Objects.requireNonNull(config, "config");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.network = Objects.requireNonNull(network, "network");
        this.time = Objects.requireNonNull(time, "time");
        this.synthesizer = new Synthesizer(config.exclude(), addresses);
        this.timeoutNanos = config.timeout().toNanos();
        this.suffixes = SuffixMatcher.of(config.suffixes() == null ? List.of() : config.suffixes());
        this.servers = InterceptedServers.of(List.of(), config.servers(), addresses);
        this.tcp = new TcpDnsFlows(this, counters);
    }

    /**
     * The uplink connected or changed: its DNS servers are intercepted, and its DNS suffixes are the
     * suffixes unless the config names them. {@code uplink} null means disconnected.
     */
    public void uplinkChanged(UplinkInfo uplink) {
        List<IpAddress> handedOut = uplink == null ? List.of() : uplink.dnsServers();
        servers = InterceptedServers.of(handedOut, config.servers(), addresses);
        if (config.suffixes() == null) {
            suffixes = SuffixMatcher.of(uplink == null ? List.of() : uplink.dnsSuffixes());
        }
    }

    /** True when no exchange is open: answers then cannot be DNS64's, and cost nothing. */
    public boolean isIdle() {
        return pending.isEmpty() && tcp.isEmpty();
    }

    public Dns64Counters counters() {
        return counters;
    }

    SuffixMatcher suffixes() {
        return suffixes;
    }

    /** A packet from {@code client}, before translation. */
    public Verdict outbound(PacketBuffer packet, ClientSession client) {
        try {
            int udp = DnsPackets.transportOffset(packet, DnsPackets.UDP);
            if (udp >= 0) {
                if (DnsPackets.destinationPort(packet, udp) != DnsPackets.DNS_PORT || !servers.isDestinationOf(packet)) {
                    return Verdict.PASS;
                }
                return udpQuery(packet, udp, client);
            }
            int tcpHeader = DnsPackets.transportOffset(packet, DnsPackets.TCP);
            if (tcpHeader >= 0 && DnsPackets.destinationPort(packet, tcpHeader) == DnsPackets.DNS_PORT
                    && servers.isDestinationOf(packet)) {
                return tcp.fromClient(packet, tcpHeader, client);
            }
            return Verdict.PASS;
        } catch (RuntimeException e) {
            // Defence in depth: DNS64 never takes a packet down with it.
            counters.malformed.increment();
            LOG.debug("DNS64 passed a query it could not handle: {}", e.toString());
            return Verdict.PASS;
        }
    }

    /** A packet towards a client, after translation (in the client's family). */
    public Verdict inbound(PacketBuffer packet) {
        if (isIdle()) {
            return Verdict.PASS;
        }
        try {
            int udp = DnsPackets.transportOffset(packet, DnsPackets.UDP);
            if (udp >= 0) {
                if (DnsPackets.sourcePort(packet, udp) != DnsPackets.DNS_PORT || pending.isEmpty()) {
                    return Verdict.PASS;
                }
                return udpAnswer(packet, udp);
            }
            int tcpHeader = DnsPackets.transportOffset(packet, DnsPackets.TCP);
            if (tcpHeader >= 0 && DnsPackets.sourcePort(packet, tcpHeader) == DnsPackets.DNS_PORT) {
                return tcp.fromServer(packet, tcpHeader);
            }
            return Verdict.PASS;
        } catch (RuntimeException e) {
            counters.malformed.increment();
            LOG.debug("DNS64 passed an answer it could not handle: {}", e.toString());
            return Verdict.PASS;
        }
    }

    /** Acts on exchanges whose answer did not come within the timeout (RFC 6147 §5.1.3, §5.1.6). Called by a timer. */
    public void expire() {
        for (PendingQueries.Pending expired : pending.expire(time.nanoTime())) {
            try {
                switch (expired) {
                    case PendingQueries.AwaitAaaa aaaa -> {
                        counters.timeouts.increment();
                        PacketBuffer packet = network.acquire();
                        if (!sendAQuery(packet, aaaa.key(), aaaa.client(), aaaa.query(), null,
                                Synthesizer.DEFAULT_NEGATIVE_TTL, aaaa.maxSize(), null)) {
                            packet.release();
                        }
                    }
                    case PendingQueries.AwaitA a -> {
                        counters.timeouts.increment();
                        pending.take(a.original());
                        Message fallback = a.aaaaAnswer() != null ? a.aaaaAnswer() : Synthesizer.serverFailure(a.query());
                        if (a.tcp() != null) {
                            tcp.release(a.tcp(), null);
                        } else {
                            PacketBuffer packet = network.acquire();
                            writeUdpAnswer(packet, a.original(), fallback, a.maxSize());
                            network.toClient(packet, a.client());
                        }
                    }
                    case PendingQueries.AwaitPtr ptr -> counters.timeouts.increment();
                    case PendingQueries.Superseded superseded -> { }
                }
            } catch (RuntimeException e) {
                LOG.debug("DNS64 could not finish an expired exchange: {}", e.toString());
            }
        }
        tcp.expire(time.nanoTime());
    }

    // ---- UDP queries

    private Verdict udpQuery(PacketBuffer packet, int udp, ClientSession client) {
        Message query = parse(packet, udp + DnsPackets.UDP_HEADER, DnsPackets.ipLength(packet) - udp - DnsPackets.UDP_HEADER);
        if (query == null) {
            return Verdict.PASS;
        }
        Record question = query.getQuestion();
        if (!isPlainQuery(query)) {
            return Verdict.PASS;
        }
        int maxSize = clientUdpSize(query, packet);
        PendingQueries.Key key = new PendingQueries.Key(DnsPackets.destination(packet), DnsPackets.source(packet),
                DnsPackets.sourcePort(packet, udp), query.getHeader().getID());
        switch (classify(query)) {
            case TRACK_AAAA -> track(new PendingQueries.AwaitAaaa(key, client, query, maxSize, deadline()));
            case ANSWER_A_EMPTY -> {
                counters.aQueriesAnsweredEmpty.increment();
                writeUdpAnswer(packet, key, Synthesizer.emptyAnswer(query), maxSize);
                return Verdict.REPLY;
            }
            case REWRITE_PTR -> {
                Name ipv4Name = ReverseNames.inAddrArpaFor(question.getName(), addresses);
                if (track(new PendingQueries.AwaitPtr(key, client, query, ipv4Name, maxSize, deadline()))) {
                    Message rewritten = query.clone();
                    rewritten.removeAllRecords(Section.QUESTION);
                    rewritten.addRecord(Record.newRecord(ipv4Name, Type.PTR, DClass.IN), Section.QUESTION);
                    counters.ptrRewritten.increment();
                    DnsPackets.writeUdp(packet, key.client(), key.clientPort(), key.server(), DnsPackets.DNS_PORT,
                            rewritten.toWire());
                }
            }
            case PASS -> { }
        }
        return Verdict.PASS;
    }

    enum QueryClass { TRACK_AAAA, ANSWER_A_EMPTY, REWRITE_PTR, PASS }

    /** RFC 6147 §5.1 (AAAA/IN for the suffixes), §5.5 (DO+CD pass), §5.3.1 (PTR) and the A-query policy. */
    QueryClass classify(Message query) {
        Record question = query.getQuestion();
        if (question.getDClass() != DClass.IN) {
            return QueryClass.PASS;
        }
        Name name = question.getName();
        return switch (question.getType()) {
            case Type.AAAA -> {
                if (!suffixes.matches(name)) {
                    yield QueryClass.PASS;
                }
                OPTRecord opt = query.getOPT();
                boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
                if (dnssecOk && query.getHeader().getFlag(Flags.CD)) {
                    counters.dnssecPassed.increment();
                    yield QueryClass.PASS; // §5.5: a validating client gets the real data
                }
                yield QueryClass.TRACK_AAAA;
            }
            case Type.A -> config.answersAQueriesEmpty() && suffixes.matches(name) ? QueryClass.ANSWER_A_EMPTY : QueryClass.PASS;
            case Type.PTR -> ReverseNames.inAddrArpaFor(name, addresses) != null ? QueryClass.REWRITE_PTR : QueryClass.PASS;
            default -> QueryClass.PASS;
        };
    }

    static boolean isPlainQuery(Message message) {
        return !message.getHeader().getFlag(Flags.QR) && message.getHeader().getOpcode() == Opcode.QUERY
                && message.getHeader().getCount(Section.QUESTION) == 1 && message.getQuestion() != null;
    }

    /** RFC 6891 §6.2.3 and RFC 1035 §4.2.1: what the client can take over UDP, and what the buffer holds. */
    private static int clientUdpSize(Message query, PacketBuffer packet) {
        OPTRecord opt = query.getOPT();
        int size = opt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, opt.getPayloadSize());
        return Math.min(size, DnsPackets.udpRoom(packet, DnsPackets.source(packet)));
    }

    private boolean track(PendingQueries.Pending entry) {
        if (pending.add(entry)) {
            return true;
        }
        if (!pending.contains(entry.key())) {
            counters.tableFull.increment();
        }
        return false;
    }

    private long deadline() {
        return time.nanoTime() + timeoutNanos;
    }

    // ---- UDP answers

    private Verdict udpAnswer(PacketBuffer packet, int udp) {
        int dns = udp + DnsPackets.UDP_HEADER;
        int dnsLength = DnsPackets.ipLength(packet) - dns;
        if (dnsLength < 12) {
            return Verdict.PASS;
        }
        PendingQueries.Key key = new PendingQueries.Key(DnsPackets.source(packet), DnsPackets.destination(packet),
                DnsPackets.destinationPort(packet, udp), packet.getUnsignedShort(dns));
        PendingQueries.Pending entry = pending.take(key);
        if (entry == null) {
            return Verdict.PASS;
        }
        Message answer = parse(packet, dns, dnsLength);
        if (answer == null || !answer.getHeader().getFlag(Flags.QR)) {
            pending.add(entry); // not the answer; keep waiting for it
            return Verdict.PASS;
        }
        return switch (entry) {
            case PendingQueries.AwaitAaaa aaaa -> onAaaaAnswer(packet, aaaa, answer);
            case PendingQueries.AwaitA a -> {
                pending.take(a.original());
                if (followChain(packet, a, answer)) {
                    yield Verdict.CONSUMED;
                }
                Message result = synthesizer.synthesize(a.query(), answer, a.ttlCap(), a.chain());
                if (result != null) {
                    counters.synthesized.increment();
                } else {
                    result = a.aaaaAnswer() != null ? a.aaaaAnswer() : synthesizer.asAaaaAnswer(a.query(), answer);
                }
                if (a.tcp() != null) {
                    tcp.release(a.tcp(), result);
                    packet.release();
                    yield Verdict.CONSUMED;
                }
                writeUdpAnswer(packet, a.original(), result, a.maxSize());
                yield Verdict.PASS;
            }
            case PendingQueries.AwaitPtr ptr -> {
                writeUdpAnswer(packet, key, ptrAnswer(ptr, answer), ptr.maxSize());
                yield Verdict.PASS;
            }
            case PendingQueries.Superseded superseded -> {
                pending.add(superseded); // answers to retransmitted queries keep being dropped until done
                packet.release();
                yield Verdict.CONSUMED;
            }
        };
    }

    private Verdict onAaaaAnswer(PacketBuffer packet, PendingQueries.AwaitAaaa aaaa, Message answer) {
        return switch (synthesizer.onAaaaAnswer(answer)) {
            case Synthesizer.AaaaOutcome.PassOn passOn -> Verdict.PASS;
            case Synthesizer.AaaaOutcome.Replace replace -> {
                writeUdpAnswer(packet, aaaa.key(), replace.answer(), aaaa.maxSize());
                yield Verdict.PASS;
            }
            case Synthesizer.AaaaOutcome.LookUpA lookUp -> {
                if (sendAQuery(packet, aaaa.key(), aaaa.client(), aaaa.query(), answer, lookUp.ttlCap(), aaaa.maxSize(), null)) {
                    yield Verdict.CONSUMED;
                }
                yield Verdict.PASS; // table full: the client gets the AAAA answer as it is
            }
        };
    }

    /**
     * Turns {@code packet} into our own A query for the client's question and sends it to the
     * server the client asked (RFC 6147 §5.1.6); false (packet untouched) when it cannot be tracked.
     */
    boolean sendAQuery(PacketBuffer packet, PendingQueries.Key original, ClientSession client, Message query,
            Message aaaaAnswer, long ttlCap, int maxSize, TcpDnsFlows.Held held) {
        return sendAQuery(packet, original, client, query, aaaaAnswer, ttlCap, maxSize, held, query.getQuestion().getName(),
                List.of());
    }

    /**
     * RFC 6147 §5.1.5: an A answer that ends in a CNAME whose target it has no A records for (a server that did not follow the chain) is followed with another A query for that
     * target, at most {@value #MAX_CHAIN} links in all; the client gets the whole chain.
     */
    private boolean followChain(PacketBuffer packet, PendingQueries.AwaitA a, Message answer) {
        if (answer.getRcode() != org.xbill.DNS.Rcode.NOERROR || answer.getQuestion() == null) {
            return false;
        }
        Name asked = answer.getQuestion().getName();
        List<Record> links = Synthesizer.chainFrom(asked, answer);
        if (links.isEmpty() || a.chain().size() + links.size() > MAX_CHAIN) {
            return false;
        }
        Name end = Synthesizer.target(links.getLast());
        if (end == null || Synthesizer.hasAddressFor(end, answer) || end.equals(a.query().getQuestion().getName())
                || links.stream().anyMatch(link -> link.getName().equals(end))
                || a.chain().stream().anyMatch(link -> link.getName().equals(end))) {
            return false; // answered, or a loop
        }
        List<Record> chain = new java.util.ArrayList<>(a.chain());
        chain.addAll(links);
        return sendAQuery(packet, a.original(), a.client(), a.query(), a.aaaaAnswer(), a.ttlCap(), a.maxSize(), a.tcp(), end,
                List.copyOf(chain));
    }

    private boolean sendAQuery(PacketBuffer packet, PendingQueries.Key original, ClientSession client, Message query,
            Message aaaaAnswer, long ttlCap, int maxSize, TcpDnsFlows.Held held, Name target, List<Record> chain) {
        Message aQuery = Message.newQuery(Record.newRecord(target, Type.A, DClass.IN));
        if (!query.getHeader().getFlag(Flags.RD)) {
            aQuery.getHeader().unsetFlag(Flags.RD);
        }
        aQuery.addRecord(new OPTRecord(OWN_EDNS_SIZE, 0, 0), Section.ADDITIONAL);
        for (int attempt = 0; attempt < 8; attempt++) {
            int id = ThreadLocalRandom.current().nextInt(0x10000);
            PendingQueries.Key aKey = new PendingQueries.Key(original.server(), original.client(), original.clientPort(), id);
            PendingQueries.AwaitA entry = new PendingQueries.AwaitA(aKey, original, client, query, aaaaAnswer, ttlCap,
                    maxSize, deadline(), held, chain);
            if (pending.contains(aKey)) {
                continue;
            }
            if (!pending.add(entry)) {
                counters.tableFull.increment();
                return false;
            }
            if (held == null) {
                pending.add(new PendingQueries.Superseded(original, deadline()));
            }
            aQuery.getHeader().setID(id);
            DnsPackets.writeUdp(packet, original.client(), original.clientPort(), original.server(), DnsPackets.DNS_PORT,
                    aQuery.toWire());
            counters.aQueriesSent.increment();
            network.toServer(packet, client);
            return true;
        }
        return false;
    }

    private Message ptrAnswer(PendingQueries.AwaitPtr ptr, Message answer) {
        Message response = answer.clone();
        response.getHeader().setID(ptr.query().getHeader().getID());
        response.getHeader().unsetFlag(Flags.AD);
        response.removeAllRecords(Section.QUESTION);
        response.addRecord(ptr.query().getQuestion(), Section.QUESTION);
        response.removeAllRecords(Section.ANSWER);
        long ttl = Synthesizer.DEFAULT_NEGATIVE_TTL;
        for (Record record : answer.getSection(Section.ANSWER)) {
            ttl = Math.min(ttl, record.getTTL());
        }
        response.addRecord(new org.xbill.DNS.CNAMERecord(ptr.query().getQuestion().getName(), DClass.IN, ttl, ptr.ipv4Name()),
                Section.ANSWER);
        for (Record record : answer.getSection(Section.ANSWER)) {
            response.addRecord(record, Section.ANSWER);
        }
        return response;
    }

    /** Rewrites {@code packet} into the server's answer {@code message} to the client of {@code key}, cut to {@code maxSize} (TC=1). */
    private static void writeUdpAnswer(PacketBuffer packet, PendingQueries.Key key, Message message, int maxSize) {
        int room = Math.min(maxSize, DnsPackets.udpRoom(packet, key.server()));
        DnsPackets.writeUdp(packet, key.server(), DnsPackets.DNS_PORT, key.client(), key.clientPort(), message.toWire(room));
    }

    /** The DNS message at {@code offset}, or null (counted) when it does not parse. */
    Message parse(PacketBuffer packet, int offset, int length) {
        if (length < 12) {
            counters.malformed.increment();
            return null;
        }
        try {
            // A copy: compression pointers count from the message's first byte (RFC 1035 §4.1.4).
            int from = packet.arrayOffset() + offset;
            return new Message(java.util.Arrays.copyOfRange(packet.array(), from, from + length));
        } catch (java.io.IOException | RuntimeException e) {
            counters.malformed.increment();
            return null;
        }
    }

    TcpDnsFlows tcp() {
        return tcp;
    }

    Network network() {
        return network;
    }

    PendingQueries pending() {
        return pending;
    }

    Synthesizer synthesizer() {
        return synthesizer;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    TimeSource time() {
        return time;
    }
}
