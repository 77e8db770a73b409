package dev.quetzal.plugin.nat64;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * The flows the filter translated from IPv6 to IPv4, so that IPv4 coming back to a dual-stack client's address is
 * translated to IPv6 only when it answers one of them (RFC 7915 §4): the client's own IPv4 flows share that address
 * and must reach it unchanged. A flow is protocol, client port (or ICMP echo identifier), remote address and remote
 * port, in a fixed table (open addressing, a bounded probe window; no allocation per packet): a flow idle longer than
 * its protocol's timeout counts as gone, and a full window gives its oldest slot to a new flow. Packets that carry no
 * ports (later fragments, other protocols) and ICMP errors about an unknown flow keep the address-only rule.
 */
public final class TranslatedFlows {
    public static final int CAPACITY = 1 << 16;
    private static final int PROBES = 16;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_ECHO_REQUEST = 8;
    /** RFC 5382 REQ-5, RFC 4787 REQ-5 and RFC 5508 REQ-1 idle times, as the runtime's NAPT uses them. */
    private static final long TCP_IDLE = 7_440_000_000_000L;
    private static final long UDP_IDLE = 300_000_000_000L;
    private static final long ICMP_IDLE = 60_000_000_000L;
    /** {@link #answers}: the packet has ports and matches no translated flow. */
    public static final int NATIVE = 0;
    /** {@link #answers}: the packet answers a translated flow. */
    public static final int TRANSLATED = 1;
    /** {@link #answers}: no ports to tell by (or not a packet this table judges). */
    public static final int UNKNOWN = 2;

    /** (client IPv4 << 32) | remote IPv4. */
    private final long[] addresses = new long[CAPACITY];
    /** (protocol << 32) | (client port << 16) | remote port; 0 marks a free slot (protocol 0 is never stored). */
    private final long[] ports = new long[CAPACITY];
    private final long[] lastSeen = new long[CAPACITY];

    /** Records the flow of an IPv4 packet the translator just made from a client's IPv6 packet. */
    public synchronized void recordOutbound(PacketBuffer ipv4, long now) {
        int ihl = headerLength(ipv4);
        if (ihl < 0 || later(ipv4)) {
            return;
        }
        int protocol = ipv4.getUnsignedByte(9);
        long clientPort;
        long remotePort;
        if (protocol == TCP || protocol == UDP) {
            if (ipv4.length() < ihl + 4) {
                return;
            }
            clientPort = ipv4.getUnsignedShort(ihl);
            remotePort = ipv4.getUnsignedShort(ihl + 2);
        } else if (protocol == ICMP && ipv4.length() >= ihl + 8 && ipv4.getUnsignedByte(ihl) == ICMP_ECHO_REQUEST) {
            clientPort = ipv4.getUnsignedShort(ihl + 4);
            remotePort = 0;
        } else {
            return;
        }
        long address = ((long) ipv4.getInt(12) << 32) | (ipv4.getInt(16) & 0xFFFFFFFFL);
        record(address, ((long) protocol << 32) | (clientPort << 16) | remotePort, now);
    }

    /** Whether an IPv4 packet towards a client answers a translated flow: {@link #TRANSLATED}, {@link #NATIVE} or {@link #UNKNOWN}. */
    public synchronized int answers(PacketBuffer ipv4, long now) {
        int ihl = headerLength(ipv4);
        if (ihl < 0 || later(ipv4)) {
            return UNKNOWN;
        }
        int protocol = ipv4.getUnsignedByte(9);
        long remote = ipv4.getInt(12) & 0xFFFFFFFFL;
        long client = ipv4.getInt(16) & 0xFFFFFFFFL;
        if (protocol == TCP || protocol == UDP) {
            if (ipv4.length() < ihl + 4) {
                return UNKNOWN;
            }
            return find((client << 32) | remote, ((long) protocol << 32) | ((long) ipv4.getUnsignedShort(ihl + 2) << 16)
                    | ipv4.getUnsignedShort(ihl), now) ? TRANSLATED : NATIVE;
        }
        if (protocol == ICMP && ipv4.length() >= ihl + 8 && ipv4.getUnsignedByte(ihl) == ICMP_ECHO_REPLY) {
            return find((client << 32) | remote, ((long) ICMP << 32) | ((long) ipv4.getUnsignedShort(ihl + 4) << 16),
                    now) ? TRANSLATED : NATIVE;
        }
        return UNKNOWN;
    }

    private static int headerLength(PacketBuffer ipv4) {
        if (ipv4.length() < 20 || ipv4.ipVersion() != 4) {
            return -1;
        }
        int ihl = (ipv4.getUnsignedByte(0) & 0x0F) * 4;
        return ihl < 20 || ipv4.length() < ihl ? -1 : ihl;
    }

    /** A fragment after the first carries no transport header. */
    private static boolean later(PacketBuffer ipv4) {
        return (ipv4.getUnsignedShort(6) & 0x1FFF) != 0;
    }

    private void record(long address, long portKey, long now) {
        int start = slot(address, portKey);
        int free = -1;
        int oldest = start;
        for (int i = 0; i < PROBES; i++) {
            int at = (start + i) & (CAPACITY - 1);
            if (ports[at] == portKey && addresses[at] == address) {
                lastSeen[at] = now;
                return;
            }
            if (free < 0 && (ports[at] == 0 || expired(at, now))) {
                free = at;
            }
            if (lastSeen[at] - lastSeen[oldest] < 0) {
                oldest = at;
            }
        }
        int at = free >= 0 ? free : oldest;
        addresses[at] = address;
        ports[at] = portKey;
        lastSeen[at] = now;
    }

    private boolean find(long address, long portKey, long now) {
        int start = slot(address, portKey);
        for (int i = 0; i < PROBES; i++) {
            int at = (start + i) & (CAPACITY - 1);
            if (ports[at] == portKey && addresses[at] == address) {
                if (expired(at, now)) {
                    return false;
                }
                lastSeen[at] = now;
                return true;
            }
        }
        return false;
    }

    private boolean expired(int at, long now) {
        int protocol = (int) (ports[at] >>> 32);
        long idle = protocol == TCP ? TCP_IDLE : protocol == UDP ? UDP_IDLE : ICMP_IDLE;
        return now - lastSeen[at] > idle;
    }

    private static int slot(long address, long portKey) {
        long h = address * 0x9E3779B97F4A7C15L ^ portKey * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29)) & (CAPACITY - 1);
    }
}
