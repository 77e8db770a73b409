package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;

/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766) through DNS64, as an in-path rewriter: the TCP
 * connection stays between client and server, and DNS64 follows both byte streams from the SYNs.
 * Queries are reassembled from the client's segments (2-byte framing, split anywhere, at most
 * {@value #MAX_QUERY_BYTES} bytes buffered per flow). An answer that must change is rewritten in its
 * segment, and every later sequence number (server to client) and acknowledgement (client to server)
 * is shifted by the size difference, as NAT ALGs do (RFC 3022 §4.1 footnote on FTP). SACK blocks
 * from the client are blanked to NOPs once a shift is in force, since their edges would be off.
 *
 * <p>What stays unchanged (counted in {@code tcpUnhandled}): answers split over several segments,
 * segments holding more than one answer that needs an A lookup, streams DNS64 lost track of (a gap,
 * a connection seen without its SYN), and rewrites that would not fit the client's path (1280 bytes
 * or the original size). The A lookup for a TCP query goes over UDP from the client's address and
 * port; the server's answer segment is held meanwhile, and its retransmissions dropped.
 *
 * <p>Flows are few and short-lived, so each is guarded by its own monitor; the table is lock-free.
 */
final class TcpDnsFlows {
    static final int MAX_FLOWS = 1024;
    static final int MAX_QUERY_BYTES = 4096;
    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    private static final int SAFE_SIZE = 1280;

    private record FlowKey(IpAddress client, int clientPort, IpAddress server, int serverPort) {}

    private enum Tracked { AAAA, EMPTY_A }

    private record TrackedQuery(Tracked kind, Message query) {}

    /** A server segment held while DNS64's A query runs. */
    record Held(Flow flow, PacketBuffer packet, long seq, int length) {}

    private static final class Flow {
        final FlowKey key;
        final ClientSession client;
        long clientNext;
        byte[] queries = new byte[256];
        int queryLength;
        boolean lost;
        boolean serverKnown;
        long serverNext;
        int skip;
        final Map<Integer, TrackedQuery> pending = new HashMap<>();
        /** Pairs of (boundary in the server's numbering, total shift from there on). */
        long[] shifts = new long[0];
        Held held;
        long rewrittenSeq = -1;
        int rewrittenLength;
        byte[] rewrittenPacket;
        long lastActivity;

        Flow(FlowKey key, ClientSession client, long clientNext, long now) {
            this.key = key;
            this.client = client;
            this.clientNext = clientNext;
            this.lastActivity = now;
        }

        long shiftFor(long seq) {
            long shift = 0;
            for (int i = 0; i < shifts.length; i += 2) {
                if (after(seq, shifts[i]) || seq == shifts[i]) {
                    shift = shifts[i + 1];
                }
            }
            return shift;
        }

        long unshiftAck(long ack) {
            long shift = 0;
            for (int i = 0; i < shifts.length; i += 2) {
                long shiftedBoundary = (shifts[i] + shifts[i + 1]) & 0xFFFFFFFFL;
                if (after(ack, shiftedBoundary) || ack == shiftedBoundary) {
                    shift = shifts[i + 1];
                }
            }
            return (ack - shift) & 0xFFFFFFFFL;
        }

        void addShift(long boundary, int delta) {
            long total = (shifts.length == 0 ? 0 : shifts[shifts.length - 1]) + delta;
            shifts = Arrays.copyOf(shifts, shifts.length + 2);
            shifts[shifts.length - 2] = boundary;
            shifts[shifts.length - 1] = total;
        }
    }

    private final Dns64 dns64;
    private final Dns64Counters counters;
    private final Map<FlowKey, Flow> flows = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    TcpDnsFlows(Dns64 dns64, Dns64Counters counters) {
        this.dns64 = dns64;
        this.counters = counters;
    }

    boolean isEmpty() {
        return size.get() == 0;
    }

    int size() {
        return size.get();
    }

    /** Query bytes held for reassembly over all flows (each flow at most {@value #MAX_QUERY_BYTES}). */
    int bufferedQueryBytes() {
        int total = 0;
        for (Flow flow : flows.values()) {
            synchronized (flow) {
                total += flow.queryLength;
            }
        }
        return total;
    }

    // ---- client to server

    Verdict fromClient(PacketBuffer packet, int tcp, ClientSession client) {
        int flags = packet.getUnsignedByte(tcp + 13);
        FlowKey key = new FlowKey(DnsPackets.source(packet), DnsPackets.sourcePort(packet, tcp),
                DnsPackets.destination(packet), DnsPackets.destinationPort(packet, tcp));
        long seq = packet.getInt(tcp + 4) & 0xFFFFFFFFL;
        if ((flags & (SYN | ACK)) == SYN) {
            if (!flows.containsKey(key) && size.incrementAndGet() <= MAX_FLOWS) {
                if (flows.putIfAbsent(key, new Flow(key, client, (seq + 1) & 0xFFFFFFFFL, dns64.time().nanoTime())) != null) {
                    size.decrementAndGet();
                }
            } else if (!flows.containsKey(key)) {
                size.decrementAndGet();
                counters.tableFull.increment();
            }
            return Verdict.PASS;
        }
        Flow flow = flows.get(key);
        if (flow == null) {
            return Verdict.PASS;
        }
        synchronized (flow) {
            flow.lastActivity = dns64.time().nanoTime();
            int payload = tcp + dataOffset(packet, tcp);
            int length = DnsPackets.ipLength(packet) - payload;
            if (length > 0 && !flow.lost) {
                takeClientData(flow, packet, payload, length, seq);
            }
            if ((flags & ACK) != 0 && flow.shifts.length > 0) {
                long ack = packet.getInt(tcp + 8) & 0xFFFFFFFFL;
                packet.putInt(tcp + 8, (int) flow.unshiftAck(ack));
                blankSack(packet, tcp);
                updateChecksum(packet, tcp);
            }
        }
        if ((flags & RST) != 0) {
            remove(key);
        }
        return Verdict.PASS;
    }

    private void takeClientData(Flow flow, PacketBuffer packet, int payload, int length, long seq) {
        long skip = (flow.clientNext - seq) & 0xFFFFFFFFL;
        if (skip >= length && skip < 0x80000000L) {
            return; // a retransmission of what we have
        }
        if (skip >= 0x80000000L) {
            flow.lost = true; // a gap: message boundaries are unknown from here
            return;
        }
        int fresh = length - (int) skip;
        if (flow.queryLength + fresh > MAX_QUERY_BYTES) {
            flow.lost = true;
            return;
        }
        if (flow.queryLength + fresh > flow.queries.length) {
            flow.queries = Arrays.copyOf(flow.queries, Math.min(MAX_QUERY_BYTES, Math.max(flow.queries.length * 2, flow.queryLength + fresh)));
        }
        System.arraycopy(packet.array(), packet.arrayOffset() + payload + (int) skip, flow.queries, flow.queryLength, fresh);
        flow.queryLength += fresh;
        flow.clientNext = (flow.clientNext + fresh) & 0xFFFFFFFFL;
        int at = 0;
        while (flow.queryLength - at >= 2) {
            int messageLength = ((flow.queries[at] & 0xFF) << 8) | (flow.queries[at + 1] & 0xFF);
            if (flow.queryLength - at - 2 < messageLength) {
                break;
            }
            trackQuery(flow, Arrays.copyOfRange(flow.queries, at + 2, at + 2 + messageLength));
            at += 2 + messageLength;
        }
        System.arraycopy(flow.queries, at, flow.queries, 0, flow.queryLength - at);
        flow.queryLength -= at;
    }

    private void trackQuery(Flow flow, byte[] wire) {
        Message query;
        try {
            query = new Message(wire);
        } catch (java.io.IOException | RuntimeException e) {
            counters.malformed.increment();
            return;
        }
        if (!Dns64.isPlainQuery(query)) {
            return;
        }
        switch (dns64.classify(query)) {
            case TRACK_AAAA -> flow.pending.put(query.getHeader().getID(), new TrackedQuery(Tracked.AAAA, query));
            case ANSWER_A_EMPTY -> flow.pending.put(query.getHeader().getID(), new TrackedQuery(Tracked.EMPTY_A, query));
            case REWRITE_PTR -> counters.tcpUnhandled.increment(); // a different question would change the client's stream
            case PASS -> { }
        }
    }

    // ---- server to client

    Verdict fromServer(PacketBuffer packet, int tcp) {
        if (isEmpty()) {
            return Verdict.PASS;
        }
        FlowKey key = new FlowKey(DnsPackets.destination(packet), DnsPackets.destinationPort(packet, tcp),
                DnsPackets.source(packet), DnsPackets.sourcePort(packet, tcp));
        Flow flow = flows.get(key);
        if (flow == null) {
            return Verdict.PASS;
        }
        int flags = packet.getUnsignedByte(tcp + 13);
        long seq = packet.getInt(tcp + 4) & 0xFFFFFFFFL;
        Verdict verdict;
        synchronized (flow) {
            flow.lastActivity = dns64.time().nanoTime();
            verdict = fromServer(flow, packet, tcp, flags, seq);
        }
        if ((flags & RST) != 0) {
            remove(key);
        }
        return verdict;
    }

    private Verdict fromServer(Flow flow, PacketBuffer packet, int tcp, int flags, long seq) {
        if ((flags & (SYN | ACK)) == (SYN | ACK)) {
            flow.serverKnown = true;
            flow.serverNext = (seq + 1) & 0xFFFFFFFFL;
            return Verdict.PASS;
        }
        int payload = tcp + dataOffset(packet, tcp);
        int length = DnsPackets.ipLength(packet) - payload;
        if (flow.held != null && length > 0 && !before(seq, flow.held.seq())) {
            packet.release(); // the held segment again, or data the client must not see before it
            return Verdict.CONSUMED;
        }
        if (length > 0 && seq == flow.rewrittenSeq && length == flow.rewrittenLength && flow.rewrittenPacket != null
                && flow.rewrittenPacket.length <= packet.array().length - packet.arrayOffset()) {
            packet.setLength(flow.rewrittenPacket.length); // a retransmission of a segment we rewrote
            System.arraycopy(flow.rewrittenPacket, 0, packet.array(), packet.arrayOffset(), flow.rewrittenPacket.length);
            return Verdict.PASS;
        }
        if (length == 0 || !flow.serverKnown || flow.lost || seq != flow.serverNext) {
            if (length > 0 && flow.serverKnown && after(seq, flow.serverNext)) {
                flow.lost = true;
            }
            shiftSeq(flow, packet, tcp, seq);
            return Verdict.PASS;
        }
        flow.serverNext = (seq + length) & 0xFFFFFFFFL;
        return serverData(flow, packet, tcp, payload, length, seq);
    }

    private Verdict serverData(Flow flow, PacketBuffer packet, int tcp, int payload, int length, long seq) {
        byte[] array = packet.array();
        int base = packet.arrayOffset() + payload;
        int at = Math.min(flow.skip, length);
        flow.skip -= at;
        boolean rewritten = false;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length + 64);
        out.write(array, base, at);
        int lookUps = 0;
        Message lookUpQuery = null;
        Message lookUpAnswer = null;
        long lookUpTtl = 0;
        while (at < length) {
            if (length - at < 2) {
                flow.lost = true; // a length field split over segments
                counters.tcpUnhandled.increment();
                out.write(array, base + at, length - at);
                break;
            }
            int messageLength = ((array[base + at] & 0xFF) << 8) | (array[base + at + 1] & 0xFF);
            int available = length - at - 2;
            if (available < messageLength) {
                if (available >= 2 && flow.pending.remove(((array[base + at + 2] & 0xFF) << 8) | (array[base + at + 3] & 0xFF)) != null) {
                    counters.tcpUnhandled.increment();
                }
                flow.skip = messageLength - available;
                out.write(array, base + at, length - at);
                break;
            }
            byte[] replacement = null;
            if (messageLength >= 12) {
                int id = ((array[base + at + 2] & 0xFF) << 8) | (array[base + at + 3] & 0xFF);
                TrackedQuery tracked = flow.pending.remove(id);
                if (tracked != null) {
                    Message answer = dns64.parse(packet, payload + at + 2, messageLength);
                    if (answer != null) {
                        if (tracked.kind() == Tracked.EMPTY_A) {
                            counters.aQueriesAnsweredEmpty.increment();
                            replacement = Synthesizer.emptyAnswer(tracked.query()).toWire();
                        } else {
                            switch (dns64.synthesizer().onAaaaAnswer(answer)) {
                                case Synthesizer.AaaaOutcome.PassOn passOn -> { }
                                case Synthesizer.AaaaOutcome.Replace replace -> replacement = replace.answer().toWire();
                                case Synthesizer.AaaaOutcome.LookUpA lookUp -> {
                                    lookUps++;
                                    lookUpQuery = tracked.query();
                                    lookUpAnswer = answer;
                                    lookUpTtl = lookUp.ttlCap();
                                }
                            }
                        }
                    }
                }
            }
            if (replacement != null) {
                out.write(replacement.length >>> 8);
                out.write(replacement.length & 0xFF);
                out.write(replacement, 0, replacement.length);
                rewritten = true;
            } else {
                out.write(array, base + at, 2 + messageLength);
            }
            at += 2 + messageLength;
        }
        if (lookUps == 1 && !rewritten && at == length
                && ((array[base] & 0xFF) << 8 | (array[base + 1] & 0xFF)) + 2 == length) {
            // One answer in the segment, and it needs an A lookup: hold the segment for it.
            Held held = new Held(flow, packet, seq, length);
            PendingQueries.Key original = new PendingQueries.Key(flow.key.server(), flow.key.client(), flow.key.clientPort(),
                    lookUpQuery.getHeader().getID());
            PacketBuffer query = dns64.network().acquire();
            if (dns64.sendAQuery(query, original, flow.client, lookUpQuery, lookUpAnswer, lookUpTtl, 65535, held)) {
                flow.held = held;
                return Verdict.CONSUMED;
            }
            query.release();
        } else if (lookUps > 0) {
            counters.tcpUnhandled.add(lookUps);
        }
        if (rewritten) {
            rewrite(flow, packet, tcp, payload, length, seq, out.toByteArray());
        } else {
            shiftSeq(flow, packet, tcp, seq);
        }
        return Verdict.PASS;
    }

    /** Called by DNS64 when the A lookup for {@code held} ended: {@code answer} replaces the held one, null keeps it. */
    void release(Held held, Message answer) {
        Flow flow = held.flow();
        synchronized (flow) {
            flow.held = null;
            PacketBuffer packet = held.packet();
            int tcp = DnsPackets.transportOffset(packet, DnsPackets.TCP);
            int payload = tcp + dataOffset(packet, tcp);
            if (answer != null) {
                byte[] wire = answer.toWire();
                byte[] framed = new byte[2 + wire.length];
                framed[0] = (byte) (wire.length >>> 8);
                framed[1] = (byte) wire.length;
                System.arraycopy(wire, 0, framed, 2, wire.length);
                rewrite(flow, packet, tcp, payload, held.length(), held.seq(), framed);
            } else {
                shiftSeq(flow, packet, tcp, held.seq());
            }
            dns64.network().toClient(packet, flow.client);
        }
    }

    private void rewrite(Flow flow, PacketBuffer packet, int tcp, int payload, int length, long seq, byte[] data) {
        int newIpLength = payload + data.length;
        int limit = Math.max(SAFE_SIZE, payload + length);
        if (newIpLength > limit || newIpLength > packet.array().length - packet.arrayOffset()) {
            counters.tcpUnhandled.increment();
            shiftSeq(flow, packet, tcp, seq);
            return;
        }
        long shift = flow.shiftFor(seq);
        packet.setLength(newIpLength);
        System.arraycopy(data, 0, packet.array(), packet.arrayOffset() + payload, data.length);
        if (packet.ipVersion() == 6) {
            packet.putShort(Ipv6Header.PAYLOAD_LENGTH_OFFSET, newIpLength - Ipv6Header.LENGTH);
        } else {
            packet.putShort(Ipv4Header.TOTAL_LENGTH_OFFSET, newIpLength);
            Ipv4Header.updateChecksum(packet);
        }
        packet.putInt(tcp + 4, (int) ((seq + shift) & 0xFFFFFFFFL));
        updateChecksum(packet, tcp);
        flow.addShift((seq + length) & 0xFFFFFFFFL, data.length - length);
        flow.rewrittenSeq = seq;
        flow.rewrittenLength = length;
        flow.rewrittenPacket = packet.toByteArray();
        counters.synthesized.increment();
    }

    private static void shiftSeq(Flow flow, PacketBuffer packet, int tcp, long seq) {
        long shift = flow.shiftFor(seq);
        if (shift != 0) {
            packet.putInt(tcp + 4, (int) ((seq + shift) & 0xFFFFFFFFL));
            updateChecksum(packet, tcp);
        }
    }

    /** RFC 2018: SACK edges would be in the shifted numbering; NOPs keep the option area's length. */
    private static void blankSack(PacketBuffer packet, int tcp) {
        int end = tcp + dataOffset(packet, tcp);
        int at = tcp + 20;
        while (at < end) {
            int kind = packet.getUnsignedByte(at);
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return;
            }
            int optionLength = packet.getUnsignedByte(at + 1);
            if (optionLength < 2 || at + optionLength > end) {
                return;
            }
            if (kind == 5) {
                for (int i = 0; i < optionLength; i++) {
                    packet.putByte(at + i, 1);
                }
            }
            at += optionLength;
        }
    }

    private static void updateChecksum(PacketBuffer packet, int tcp) {
        packet.putShort(tcp + 16, 0);
        int length = DnsPackets.ipLength(packet) - tcp;
        packet.putShort(tcp + 16, DnsPackets.transportChecksum(packet, tcp, length, DnsPackets.TCP));
    }

    private static int dataOffset(PacketBuffer packet, int tcp) {
        return (packet.getUnsignedByte(tcp + 12) >>> 4) * 4;
    }

    /** Serial number order (RFC 1982 with 32 bits), as TCP compares sequence numbers. */
    static boolean after(long a, long b) {
        long difference = (a - b) & 0xFFFFFFFFL;
        return difference != 0 && difference < 0x80000000L;
    }

    static boolean before(long a, long b) {
        return after(b, a);
    }

    private void remove(FlowKey key) {
        Flow flow = flows.remove(key);
        if (flow != null) {
            size.decrementAndGet();
        }
    }

    /** Forgets flows idle for a minute (connections that ended without us seeing it). */
    void expire(long now) {
        for (Flow flow : flows.values()) {
            boolean idle;
            synchronized (flow) {
                idle = now - flow.lastActivity > IDLE_NANOS && flow.held == null;
            }
            if (idle) {
                remove(flow.key);
            }
        }
    }
}
