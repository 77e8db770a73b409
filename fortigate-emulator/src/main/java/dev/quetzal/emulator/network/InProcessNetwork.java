package dev.quetzal.emulator.network;

import static dev.quetzal.emulator.network.IpPackets.IPV4_HEADER;
import static dev.quetzal.emulator.network.IpPackets.IPV6_HEADER;
import static dev.quetzal.emulator.network.IpPackets.UDP_HEADER;

import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.TunnelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A corporate network without sockets or devices: ICMP echo (RFC 792) and ICMPv6 echo (RFC 4443 §4)
 * for every address of its prefixes, the gateway and the DNS servers; UDP echo (RFC 862, port 7) at
 * the same addresses; and an authoritative DNS zone on UDP port 53 at the tunnel's DNS servers, whose
 * records (each with its TTL) can be replaced while tunnels are up ({@link #dnsZone}); and a small HTTP page
 * over TCP port 80 at the same addresses ({@link TcpHttpResponder}, other TCP ports get a reset).
 * Replies are built on the caller's thread in a per-thread buffer and handed straight to the sink.
 */
public final class InProcessNetwork implements CorporateNetwork {
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMPV6_ECHO_REQUEST = 128;
    private static final int ICMPV6_ECHO_REPLY = 129;
    private static final int UDP_ECHO_PORT = 7;
    private static final int DNS_PORT = 53;
    private static final int TTL = 64;
    private static final int TCP_CONNECTIONS = 1024;
    private static final int TCP_IDLE_SECONDS = 120;

    /** IPv4 prefixes as (network, mask) pairs and IPv6 ones as (high, low, maskHigh, maskLow): no allocation per packet. */
    private final int[] prefixes4;
    private final long[] prefixes6;
    private final int[] dns4;
    private final Ipv6Address[] dns6;
    private final DnsZoneServer dns;
    private final TcpHttpResponder http =
            new TcpHttpResponder(TCP_CONNECTIONS, TimeUnit.SECONDS.toNanos(TCP_IDLE_SECONDS), System::nanoTime);
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[65_536]);
    private final LongAdder answered = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private volatile ClientSink clients;

    public InProcessNetwork(EmulatorConfig config) {
        TunnelSettings tunnel = config.tunnel();
        List<IpPrefix> all = new ArrayList<>(config.network().prefixes());
        all.add(IpPrefix.host(tunnel.gateway()));
        tunnel.dnsServers().forEach(a -> all.add(IpPrefix.host(a)));
        tunnel.ipv6().dnsServers().forEach(a -> all.add(IpPrefix.host(a)));
        this.prefixes4 = all.stream().filter(p -> p.address() instanceof Ipv4Address)
                .flatMapToInt(p -> IntStream.of(((Ipv4Address) p.address()).bits(),
                        p.length() == 0 ? 0 : -1 << (32 - p.length())))
                .toArray();
        this.prefixes6 = all.stream().filter(p -> p.address() instanceof Ipv6Address)
                .flatMapToLong(p -> {
                    Ipv6Address mask = new Ipv6Address(-1L, -1L).mask(p.length());
                    Ipv6Address network = (Ipv6Address) p.address();
                    return LongStream.of(network.high(), network.low(), mask.high(), mask.low());
                })
                .toArray();
        this.dns4 = tunnel.dnsServers().stream().mapToInt(Ipv4Address::bits).toArray();
        this.dns6 = tunnel.ipv6().dnsServers().toArray(Ipv6Address[]::new);
        this.dns = new DnsZoneServer(config.network().zone());
    }

    /** Its DNS zone, whose records can change while it runs. */
    @Override
    public Optional<DnsZoneServer> dnsZone() {
        return Optional.of(dns);
    }

    @Override
    public void start(ClientSink sink) {
        this.clients = sink;
    }

    @Override
    public void fromClient(byte[] packet, int offset, int length) {
        if (length < 1) {
            malformed.increment();
            return;
        }
        int version = (packet[offset] & 0xF0) >>> 4;
        boolean handled = switch (version) {
            case 4 -> ipv4(packet, offset, length);
            case 6 -> ipv6(packet, offset, length);
            default -> {
                malformed.increment();
                yield true;
            }
        };
        if (!handled) {
            unanswered.increment();
        }
    }

    /** The HTTP-over-TCP responder, for its counters. */
    public TcpHttpResponder http() {
        return http;
    }

    /** Packets answered (echo replies, DNS answers, TCP segments). */
    public long answered() {
        return answered.sum();
    }

    /** Packets dropped as malformed (bad lengths, header checksum, ICMP checksum). */
    public long malformed() {
        return malformed.sum();
    }

    /** Well-formed packets nothing here answers. */
    public long unanswered() {
        return unanswered.sum();
    }

    private boolean ipv4(byte[] p, int off, int len) {
        int ihl = (p[off] & 0x0F) * 4;
        int total = len >= IPV4_HEADER ? IpPackets.getShort(p, off + 2) : 0;
        if (len < IPV4_HEADER || ihl < IPV4_HEADER || total < ihl || total > len
                || IpPackets.fold(IpPackets.sum(p, off, ihl, 0)) != 0) {
            malformed.increment();
            return true;
        }
        if ((IpPackets.getShort(p, off + 6) & 0x3FFF) != 0) {
            return false; // fragments are not reassembled here
        }
        int source = IpPackets.getInt(p, off + 12);
        int destination = IpPackets.getInt(p, off + 16);
        if (!answers4(destination)) {
            return false;
        }
        int l4 = off + ihl;
        int l4Length = total - ihl;
        int protocol = p[off + 9] & 0xFF;
        if (protocol == IpPackets.PROTOCOL_ICMP && l4Length >= 8 && (p[l4] & 0xFF) == ICMP_ECHO_REQUEST) {
            if (!IpPackets.icmpChecksumOk(p, l4, l4Length)) {
                malformed.increment();
                return true;
            }
            byte[] out = scratch.get();
            System.arraycopy(p, l4, out, IPV4_HEADER, l4Length);
            out[IPV4_HEADER] = ICMP_ECHO_REPLY;
            IpPackets.putShort(out, IPV4_HEADER + 2, 0);
            IpPackets.putShort(out, IPV4_HEADER + 2, IpPackets.fold(IpPackets.sum(out, IPV4_HEADER, l4Length, 0)));
            IpPackets.writeIpv4Header(out, 0, IPV4_HEADER + l4Length, IpPackets.PROTOCOL_ICMP, destination, source,
                    IpPackets.getShort(p, off + 4), TTL);
            reply(out, IPV4_HEADER + l4Length);
            return true;
        }
        if (protocol == IpPackets.PROTOCOL_TCP) {
            return tcp(p, off, l4, l4Length);
        }
        if (protocol == IpPackets.PROTOCOL_UDP && l4Length >= UDP_HEADER) {
            int udpLength = IpPackets.getShort(p, l4 + 4);
            if (udpLength < UDP_HEADER || udpLength > l4Length) {
                malformed.increment();
                return true;
            }
            byte[] payload = udpPayload(p, l4, udpLength, isDns4(destination));
            if (payload == null) {
                return false;
            }
            byte[] out = scratch.get();
            int payloadLength = payload == p ? udpLength - UDP_HEADER : payload.length;
            System.arraycopy(payload, payload == p ? l4 + UDP_HEADER : 0, out, IPV4_HEADER + UDP_HEADER, payloadLength);
            int total4 = IPV4_HEADER + UDP_HEADER + payloadLength;
            IpPackets.writeIpv4Header(out, 0, total4, IpPackets.PROTOCOL_UDP, destination, source, 0, TTL);
            writeUdp(out, 0, IPV4_HEADER, IpPackets.getShort(p, l4 + 2), IpPackets.getShort(p, l4), payloadLength);
            reply(out, total4);
            return true;
        }
        return false;
    }

    private boolean ipv6(byte[] p, int off, int len) {
        if (len < IPV6_HEADER || IPV6_HEADER + IpPackets.getShort(p, off + 4) > len) {
            malformed.increment();
            return true;
        }
        int payload = IpPackets.getShort(p, off + 4);
        long srcHigh = IpPackets.getLong(p, off + 8);
        long srcLow = IpPackets.getLong(p, off + 16);
        long dstHigh = IpPackets.getLong(p, off + 24);
        long dstLow = IpPackets.getLong(p, off + 32);
        if (!answers6(dstHigh, dstLow)) {
            return false;
        }
        int nextHeader = p[off + 6] & 0xFF;
        int l4 = off + IPV6_HEADER;
        if (nextHeader == IpPackets.PROTOCOL_ICMPV6 && payload >= 8 && (p[l4] & 0xFF) == ICMPV6_ECHO_REQUEST) {
            if (IpPackets.transportChecksum(p, off, l4, payload, IpPackets.PROTOCOL_ICMPV6) != 0) {
                malformed.increment();
                return true;
            }
            byte[] out = scratch.get();
            System.arraycopy(p, l4, out, IPV6_HEADER, payload);
            IpPackets.writeIpv6Header(out, 0, payload, IpPackets.PROTOCOL_ICMPV6, dstHigh, dstLow, srcHigh, srcLow, TTL);
            out[IPV6_HEADER] = (byte) ICMPV6_ECHO_REPLY;
            IpPackets.putShort(out, IPV6_HEADER + 2, 0);
            IpPackets.putShort(out, IPV6_HEADER + 2,
                    IpPackets.transportChecksum(out, 0, IPV6_HEADER, payload, IpPackets.PROTOCOL_ICMPV6));
            reply(out, IPV6_HEADER + payload);
            return true;
        }
        if (nextHeader == IpPackets.PROTOCOL_TCP) {
            return tcp(p, off, l4, payload);
        }
        if (nextHeader == IpPackets.PROTOCOL_UDP && payload >= UDP_HEADER) {
            int udpLength = IpPackets.getShort(p, l4 + 4);
            if (udpLength < UDP_HEADER || udpLength > payload) {
                malformed.increment();
                return true;
            }
            byte[] data = udpPayload(p, l4, udpLength, isDns6(dstHigh, dstLow));
            if (data == null) {
                return false;
            }
            byte[] out = scratch.get();
            int dataLength = data == p ? udpLength - UDP_HEADER : data.length;
            System.arraycopy(data, data == p ? l4 + UDP_HEADER : 0, out, IPV6_HEADER + UDP_HEADER, dataLength);
            IpPackets.writeIpv6Header(out, 0, UDP_HEADER + dataLength, IpPackets.PROTOCOL_UDP, dstHigh, dstLow, srcHigh,
                    srcLow, TTL);
            writeUdp(out, 0, IPV6_HEADER, IpPackets.getShort(p, l4 + 2), IpPackets.getShort(p, l4), dataLength);
            reply(out, IPV6_HEADER + UDP_HEADER + dataLength);
            return true;
        }
        return false;
    }

    /**
     * What to send back for a UDP datagram: {@code p} itself for echo (its payload is copied), a DNS
     * answer, or null for nothing.
     */
    private byte[] udpPayload(byte[] p, int l4, int udpLength, boolean dnsServer) {
        int port = IpPackets.getShort(p, l4 + 2);
        if (port == UDP_ECHO_PORT) {
            return p;
        }
        if (port == DNS_PORT && dnsServer) {
            byte[] answer = dns.answer(p, l4 + UDP_HEADER, udpLength - UDP_HEADER);
            if (answer == null) {
                malformed.increment();
            }
            return answer;
        }
        return null;
    }

    private boolean tcp(byte[] p, int off, int l4, int l4Length) {
        byte[] out = scratch.get();
        int length = http.segment(p, off, l4, l4Length, out);
        if (length == TcpHttpResponder.MALFORMED) {
            malformed.increment();
        } else if (length > 0) {
            reply(out, length);
        }
        return true;
    }

    private static void writeUdp(byte[] out, int ip, int udp, int sourcePort, int destinationPort, int payloadLength) {
        IpPackets.putShort(out, udp, sourcePort);
        IpPackets.putShort(out, udp + 2, destinationPort);
        IpPackets.putShort(out, udp + 4, UDP_HEADER + payloadLength);
        IpPackets.putShort(out, udp + 6, 0);
        int checksum = IpPackets.transportChecksum(out, ip, udp, UDP_HEADER + payloadLength, IpPackets.PROTOCOL_UDP);
        IpPackets.putShort(out, udp + 6, checksum == 0 ? 0xFFFF : checksum);
    }

    private void reply(byte[] packet, int length) {
        ClientSink sink = clients;
        if (sink != null) {
            answered.increment();
            sink.toClient(packet, 0, length);
        }
    }

    private boolean answers4(int destination) {
        for (int i = 0; i < prefixes4.length; i += 2) {
            if ((destination & prefixes4[i + 1]) == prefixes4[i]) {
                return true;
            }
        }
        return false;
    }

    private boolean answers6(long high, long low) {
        for (int i = 0; i < prefixes6.length; i += 4) {
            if ((high & prefixes6[i + 2]) == prefixes6[i] && (low & prefixes6[i + 3]) == prefixes6[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private boolean isDns4(int address) {
        for (int server : dns4) {
            if (server == address) {
                return true;
            }
        }
        return false;
    }

    private boolean isDns6(long high, long low) {
        for (Ipv6Address server : dns6) {
            if (server.high() == high && server.low() == low) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        clients = null;
    }
}
