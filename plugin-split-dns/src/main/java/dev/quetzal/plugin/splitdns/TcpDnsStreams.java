package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.Ipv6Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.Metrics.Counter;

/**
 * Cuts the byte streams of DNS over TCP into messages (RFC 1035 §4.2.2: each message is preceded by
 * a two-octet length; RFC 7766 §6.2.1: several may follow each other on one connection). A segment
 * holding whole messages is read in place; a message split over segments is kept in a small per-flow
 * buffer. Sequence numbers (RFC 9293 §3.4) decide what is new, so a retransmitted segment is not
 * read twice; after a gap the flow's framing is lost and it is ignored until it ends.
 *
 * <p>Bounded: at most {@code maxFlows} flows, each holding at most one partial message (2 + 65535
 * bytes). Partial messages discarded on FIN/RST, idle timeout, a gap or eviction are counted.
 */
final class TcpDnsStreams {
    /** The largest framed message: the length prefix and 65535 bytes. */
    static final int MAX_FRAME = 2 + 0xFFFF;

    /** Receives each complete message; the bytes are only valid during the call. */
    @FunctionalInterface
    interface MessageSink {
        void message(byte[] data, int offset, int length);
    }

    /** One direction of one connection, identified by its 4-tuple; reused when its slot is free. */
    private static final class Flow {
        boolean used;
        int version;
        long sourceHigh;
        long sourceLow;
        long destinationHigh;
        long destinationLow;
        int ports;
        /** The sequence number of the next stream byte not read yet. */
        int next;
        /** True after a gap: the message boundaries are unknown for the rest of the connection. */
        boolean lost;
        long lastSeen;
        byte[] partial;
        int buffered;
    }

    private final Flow[] flows;
    private final long idleNanos;
    private final Counter dropped;
    private final MessageSink sink;
    /** The 4-tuple of the segment being read (guarded by this), so looking a flow up allocates nothing. */
    private int keyVersion;
    private long keySourceHigh;
    private long keySourceLow;
    private long keyDestinationHigh;
    private long keyDestinationLow;
    private int keyPorts;

    TcpDnsStreams(int maxFlows, long idleNanos, Counter dropped, MessageSink sink) {
        this.flows = new Flow[maxFlows];
        for (int i = 0; i < maxFlows; i++) {
            flows[i] = new Flow();
        }
        this.idleNanos = idleNanos;
        this.dropped = dropped;
        this.sink = sink;
    }

    /** Reads the payload of the TCP segment at {@code tcp} in {@code packet}, seen at {@code now}. */
    synchronized void segment(PacketBuffer packet, int tcp, long now) {
        int flags = TcpSegments.flags(packet, tcp);
        Flow flow = find(packet, tcp);
        if ((flags & TcpSegments.RST) != 0) {
            if (flow != null) {
                end(flow);
            }
            return;
        }
        int sequence = TcpSegments.sequence(packet, tcp);
        boolean syn = (flags & TcpSegments.SYN) != 0;
        int dataSequence = syn ? sequence + 1 : sequence;
        int length = TcpSegments.payloadLength(packet, tcp);
        if (flow == null) {
            if (!syn && length == 0) {
                return; // a bare ACK or FIN of a flow not followed: nothing to read
            }
            flow = claim(now);
            flow.next = dataSequence; // without the SYN seen, the first data is taken as a message start
        } else if (syn && dataSequence != flow.next) {
            reset(flow); // the 4-tuple is used by a new connection
            flow.next = dataSequence;
        }
        flow.lastSeen = now;
        if (length > 0 && !flow.lost) {
            read(flow, packet.array(), packet.arrayOffset() + TcpSegments.payloadOffset(packet, tcp), length,
                    dataSequence);
        }
        if ((flags & TcpSegments.FIN) != 0) {
            end(flow);
        }
    }

    /** Forgets flows idle for longer than the timeout; their partial messages are counted as dropped. */
    synchronized void expire(long now) {
        for (Flow flow : flows) {
            if (flow.used && now - flow.lastSeen > idleNanos) {
                end(flow);
            }
        }
    }

    /** The number of flows followed now. */
    synchronized int size() {
        int n = 0;
        for (Flow flow : flows) {
            n += flow.used ? 1 : 0;
        }
        return n;
    }

    private void read(Flow flow, byte[] data, int offset, int length, int sequence) {
        int ahead = sequence - flow.next; // serial arithmetic: wraps like the sequence space
        if (ahead > 0) {
            flow.lost = true; // a segment before this one is missing: boundaries unknown from here on
            flow.buffered = 0;
            dropped.increment();
            return;
        }
        int old = -ahead;
        if (old >= length) {
            return; // a retransmission of bytes already read
        }
        flow.next = sequence + length;
        frames(flow, data, offset + old, length - old);
    }

    /** Hands every complete message in the new bytes on; keeps the incomplete tail. */
    private void frames(Flow flow, byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (flow.buffered > 0) {
                at = fill(flow, data, at, end);
                continue;
            }
            if (end - at >= 2) {
                int messageLength = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
                if (end - at - 2 >= messageLength) {
                    sink.message(data, at + 2, messageLength);
                    at += 2 + messageLength;
                    continue;
                }
            }
            at = fill(flow, data, at, end);
        }
    }

    /** Adds bytes to the flow's partial message, up to its end; hands it on when complete. */
    private int fill(Flow flow, byte[] data, int at, int end) {
        if (flow.partial == null) {
            flow.partial = new byte[MAX_FRAME];
        }
        byte[] partial = flow.partial;
        int wanted = flow.buffered < 2 ? 2 - flow.buffered
                : 2 + (((partial[0] & 0xFF) << 8) | (partial[1] & 0xFF)) - flow.buffered;
        int take = Math.min(wanted, end - at);
        System.arraycopy(data, at, partial, flow.buffered, take);
        flow.buffered += take;
        if (flow.buffered >= 2) {
            int messageLength = ((partial[0] & 0xFF) << 8) | (partial[1] & 0xFF);
            if (flow.buffered == 2 + messageLength) {
                flow.buffered = 0;
                sink.message(partial, 2, messageLength);
            }
        }
        return at + take;
    }

    /** Finds the segment's flow; leaves its 4-tuple in the key fields for {@link #claim}. */
    private Flow find(PacketBuffer packet, int tcp) {
        keyVersion = packet.ipVersion();
        boolean v4 = keyVersion == 4;
        keySourceHigh = v4 ? 0 : Ipv6Header.sourceHigh(packet);
        keySourceLow = v4 ? Ipv4Header.source(packet) & 0xFFFFFFFFL : Ipv6Header.sourceLow(packet);
        keyDestinationHigh = v4 ? 0 : Ipv6Header.destinationHigh(packet);
        keyDestinationLow = v4 ? Ipv4Header.destination(packet) & 0xFFFFFFFFL : Ipv6Header.destinationLow(packet);
        keyPorts = packet.getInt(tcp);
        for (Flow flow : flows) {
            if (flow.used && flow.ports == keyPorts && flow.version == keyVersion && flow.sourceLow == keySourceLow
                    && flow.destinationLow == keyDestinationLow && flow.sourceHigh == keySourceHigh
                    && flow.destinationHigh == keyDestinationHigh) {
                return flow;
            }
        }
        return null;
    }

    /** A free slot for the flow {@link #find} looked for; when none is free, the idlest flow gives up its slot. */
    private Flow claim(long now) {
        Flow slot = null;
        for (Flow flow : flows) {
            if (!flow.used) {
                slot = flow;
                break;
            }
            if (slot == null || flow.lastSeen - slot.lastSeen < 0) {
                slot = flow;
            }
        }
        if (slot.used) {
            end(slot);
        }
        slot.used = true;
        slot.version = keyVersion;
        slot.sourceHigh = keySourceHigh;
        slot.sourceLow = keySourceLow;
        slot.destinationHigh = keyDestinationHigh;
        slot.destinationLow = keyDestinationLow;
        slot.ports = keyPorts;
        slot.lastSeen = now;
        reset(slot);
        return slot;
    }

    private void end(Flow flow) {
        discard(flow);
        flow.used = false;
        flow.partial = null; // the buffer's memory goes with the flow
    }

    private void reset(Flow flow) {
        discard(flow);
        flow.lost = false;
    }

    private void discard(Flow flow) {
        if (flow.buffered > 0) {
            dropped.increment();
            flow.buffered = 0;
        }
    }
}
