package dev.quetzal.emulator.tunnel;

import static dev.quetzal.emulator.network.IpPackets.IPV4_HEADER;
import static dev.quetzal.emulator.network.IpPackets.IPV6_HEADER;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.network.IpPackets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pings tunnel clients from the gateway (fortivpn-protocol.md §12 "server pings"): ICMP or ICMPv6
 * echo requests with one identifier, whose replies the tunnel readers hand here instead of to the
 * corporate network. One ping run at a time.
 */
final class ServerPinger {
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMPV6_ECHO_REQUEST = 128;
    private static final int ICMPV6_ECHO_REPLY = 129;
    private static final int PAYLOAD = 32;

    private final Ipv4Address gateway;
    private final Ipv6Address gateway6;
    private final int identifier;
    private final Semaphore replies = new Semaphore(0);
    private volatile int expectedSequence = -1;

    ServerPinger(Ipv4Address gateway, Ipv6Address gateway6, int identifier) {
        this.gateway = gateway;
        this.gateway6 = gateway6;
        this.identifier = identifier & 0xFFFF;
    }

    /** Sends {@code count} pings one after the other; each waits up to 2 s for its reply. */
    synchronized int ping(TunnelConnection tunnel, IpAddress client, int count) {
        int received = 0;
        for (int sequence = 1; sequence <= count; sequence++) {
            replies.drainPermits();
            expectedSequence = sequence;
            byte[] packet = client instanceof Ipv4Address v4 ? echoRequest(v4, sequence) : echoRequest6((Ipv6Address) client, sequence);
            if (!tunnel.sendToClient(packet, 0, packet.length)) {
                continue;
            }
            try {
                if (replies.tryAcquire(2, TimeUnit.SECONDS)) {
                    received++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        expectedSequence = -1;
        return received;
    }

    /** True if the packet is the reply to our current ping (consumed); cheap for every other packet. */
    boolean consume(byte[] a, int offset, int length) {
        if (expectedSequence < 0) {
            return false;
        }
        int version = (a[offset] & 0xF0) >>> 4;
        int icmp;
        if (version == 4 && length >= IPV4_HEADER + 8 && a[offset + 9] == IpPackets.PROTOCOL_ICMP) {
            icmp = offset + (a[offset] & 0x0F) * 4;
            if (icmp + 8 > offset + length || (a[icmp] & 0xFF) != ICMP_ECHO_REPLY) {
                return false;
            }
        } else if (version == 6 && length >= IPV6_HEADER + 8 && a[offset + 6] == IpPackets.PROTOCOL_ICMPV6) {
            icmp = offset + IPV6_HEADER;
            if ((a[icmp] & 0xFF) != ICMPV6_ECHO_REPLY) {
                return false;
            }
        } else {
            return false;
        }
        if (IpPackets.getShort(a, icmp + 4) != identifier) {
            return false;
        }
        if (IpPackets.getShort(a, icmp + 6) == expectedSequence) {
            replies.release();
        }
        return true;
    }

    private byte[] echoRequest(Ipv4Address client, int sequence) {
        byte[] packet = new byte[IPV4_HEADER + 8 + PAYLOAD];
        IpPackets.writeIpv4Header(packet, 0, packet.length, IpPackets.PROTOCOL_ICMP, gateway.bits(), client.bits(),
                sequence, 64);
        int icmp = IPV4_HEADER;
        packet[icmp] = ICMP_ECHO_REQUEST;
        fillEcho(packet, icmp, sequence);
        IpPackets.putShort(packet, icmp + 2, IpPackets.fold(IpPackets.sum(packet, icmp, 8 + PAYLOAD, 0)));
        return packet;
    }

    private byte[] echoRequest6(Ipv6Address client, int sequence) {
        byte[] packet = new byte[IPV6_HEADER + 8 + PAYLOAD];
        IpPackets.writeIpv6Header(packet, 0, 8 + PAYLOAD, IpPackets.PROTOCOL_ICMPV6, gateway6.high(), gateway6.low(),
                client.high(), client.low(), 64);
        int icmp = IPV6_HEADER;
        packet[icmp] = (byte) ICMPV6_ECHO_REQUEST;
        fillEcho(packet, icmp, sequence);
        IpPackets.putShort(packet, icmp + 2,
                IpPackets.transportChecksum(packet, 0, icmp, 8 + PAYLOAD, IpPackets.PROTOCOL_ICMPV6));
        return packet;
    }

    private void fillEcho(byte[] packet, int icmp, int sequence) {
        IpPackets.putShort(packet, icmp + 4, identifier);
        IpPackets.putShort(packet, icmp + 6, sequence);
        for (int i = 0; i < PAYLOAD; i++) {
            packet[icmp + 8 + i] = (byte) ('a' + i % 23);
        }
    }
}
