package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of traffic selectors (RFC 7296 §3.13.1) compiled into arrays, so a packet's source or
 * destination is checked without allocating. Address ranges are inclusive; an IP protocol of 0 means
 * any; ports 0..65535 mean any, and the "OPAQUE" range 65535..0 matches whatever the port is (RFC 4301
 * §4.4.1.2). For ICMP and ICMPv6 the "port" is type × 256 + code (RFC 4301 §4.4.1.3). Selector types
 * other than address ranges are kept by the codec but match nothing here.
 */
final class SelectorSet {
    private static final int ANY_PORT_END = 0xFFFF;

    private final int[] v4Start;
    private final int[] v4End;
    private final int[] v4Protocol;
    private final int[] v4PortStart;
    private final int[] v4PortEnd;
    private final long[] v6Start;
    private final long[] v6End;
    private final int[] v6Protocol;
    private final int[] v6PortStart;
    private final int[] v6PortEnd;

    private SelectorSet(List<TrafficSelector.AddressRange> v4, List<TrafficSelector.AddressRange> v6) {
        v4Start = new int[v4.size()];
        v4End = new int[v4.size()];
        v4Protocol = new int[v4.size()];
        v4PortStart = new int[v4.size()];
        v4PortEnd = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            TrafficSelector.AddressRange r = v4.get(i);
            v4Start[i] = ((Ipv4Address) r.start()).bits();
            v4End[i] = ((Ipv4Address) r.end()).bits();
            v4Protocol[i] = r.ipProtocol();
            v4PortStart[i] = r.startPort();
            v4PortEnd[i] = r.endPort();
        }
        v6Start = new long[2 * v6.size()];
        v6End = new long[2 * v6.size()];
        v6Protocol = new int[v6.size()];
        v6PortStart = new int[v6.size()];
        v6PortEnd = new int[v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            TrafficSelector.AddressRange r = v6.get(i);
            Ipv6Address start = (Ipv6Address) r.start();
            Ipv6Address end = (Ipv6Address) r.end();
            v6Start[2 * i] = start.high();
            v6Start[2 * i + 1] = start.low();
            v6End[2 * i] = end.high();
            v6End[2 * i + 1] = end.low();
            v6Protocol[i] = r.ipProtocol();
            v6PortStart[i] = r.startPort();
            v6PortEnd[i] = r.endPort();
        }
    }

    static SelectorSet of(List<TrafficSelector> selectors) {
        List<TrafficSelector.AddressRange> v4 = new ArrayList<>();
        List<TrafficSelector.AddressRange> v6 = new ArrayList<>();
        for (TrafficSelector selector : selectors) {
            if (selector instanceof TrafficSelector.AddressRange range) {
                (range.start() instanceof Ipv4Address ? v4 : v6).add(range);
            }
        }
        return new SelectorSet(v4, v6);
    }

    /** Whether the packet's source address and port fall in one of the selectors. */
    boolean acceptsSource(PacketBuffer packet) {
        return accepts(packet, true);
    }

    /** Whether the packet's destination address and port fall in one of the selectors. */
    boolean acceptsDestination(PacketBuffer packet) {
        return accepts(packet, false);
    }

    private boolean accepts(PacketBuffer packet, boolean source) {
        int version = packet.length() == 0 ? 0 : packet.ipVersion();
        if (version == 4 && packet.length() >= 20) {
            int address = packet.getInt(source ? 12 : 16);
            int protocol = packet.getUnsignedByte(9);
            int port = InnerPacket.ipv4Port(packet, protocol, source);
            for (int i = 0; i < v4Start.length; i++) {
                if (Integer.compareUnsigned(address, v4Start[i]) >= 0 && Integer.compareUnsigned(address, v4End[i]) <= 0
                        && protocolAndPortMatch(v4Protocol[i], v4PortStart[i], v4PortEnd[i], protocol, port)) {
                    return true;
                }
            }
        } else if (version == 6 && packet.length() >= 40) {
            long high = packet.getLong(source ? 8 : 24);
            long low = packet.getLong(source ? 16 : 32);
            int protocol = packet.getUnsignedByte(6);
            int port = InnerPacket.ipv6Port(packet, protocol, source);
            for (int i = 0; i < v6Protocol.length; i++) {
                if (compare(high, low, v6Start[2 * i], v6Start[2 * i + 1]) >= 0
                        && compare(high, low, v6End[2 * i], v6End[2 * i + 1]) <= 0
                        && protocolAndPortMatch(v6Protocol[i], v6PortStart[i], v6PortEnd[i], protocol, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean protocolAndPortMatch(int wantProtocol, int portStart, int portEnd, int protocol, int port) {
        if (wantProtocol != TrafficSelector.ANY_PROTOCOL && wantProtocol != protocol) {
            return false;
        }
        if ((portStart == 0 && portEnd == ANY_PORT_END) || portStart > portEnd) {
            return true;
        }
        return port >= portStart && port <= portEnd;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int high = Long.compareUnsigned(aHigh, bHigh);
        return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
    }
}
