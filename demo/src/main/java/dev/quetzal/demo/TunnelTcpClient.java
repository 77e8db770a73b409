package dev.quetzal.demo;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.network.IpPackets;
import dev.quetzal.emulator.network.TcpSegment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One TCP connection (RFC 9293) over inner packets, for a request that the server answers and then closes: SYN, ACK,
 * the request, everything in order until the server's FIN, then our FIN. What is not acknowledged within {@link
 * #RETRANSMIT} is sent again; out-of-order data is dropped and acknowledged with what we have (the server resends).
 */
final class TunnelTcpClient {
    static final Duration RETRANSMIT = Duration.ofSeconds(1);
    private static final int WINDOW = 65_535;
    private static final int MAX_RESPONSE = 1 << 20;

    private final PacketTunnel tunnel;
    private final IpAddress source;
    private final int sourcePort;
    private final IpAddress destination;
    private final int destinationPort;
    private final byte[] scratch = new byte[IpPackets.IPV6_HEADER + TcpSegment.HEADER + 2048];
    /** The packet the last segment {@link #next} returned was read from (its data is there). */
    private byte[] lastPacket = new byte[0];

    TunnelTcpClient(PacketTunnel tunnel, IpAddress source, int sourcePort, IpAddress destination, int destinationPort) {
        this.tunnel = tunnel;
        this.source = source;
        this.sourcePort = sourcePort;
        this.destination = destination;
        this.destinationPort = destinationPort;
    }

    /** Sends {@code request} (at most 2048 octets) and returns every octet the server sent until its FIN. */
    byte[] exchange(byte[] request, Duration limit) throws IOException, InterruptedException, TimeoutException {
        if (request.length > 2048) {
            throw new IllegalArgumentException("request longer than 2048 octets");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        long iss = new SecureRandom().nextInt() & 0xFFFFFFFFL;
        TcpSegment synAck = await(deadline, segment(iss, 0, TcpSegment.SYN, 0),
                s -> s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK) && s.acknowledgment() == TcpSegment.add(iss, 1));
        long sendNext = TcpSegment.add(iss, 1);
        long receiveNext = TcpSegment.add(synAck.sequence(), 1);
        send(segment(sendNext, receiveNext, TcpSegment.ACK, 0), null);

        TcpSegment data = segment(sendNext, receiveNext, TcpSegment.ACK | TcpSegment.PSH, request.length);
        long requestEnd = TcpSegment.add(sendNext, request.length);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        boolean finReceived = false;
        boolean requestAcked = false;
        long lastSent = send(data, request);
        while (!finReceived || !requestAcked) {
            TcpSegment in = next(deadline, Math.min(deadline, lastSent + RETRANSMIT.toNanos()));
            if (in == null) {
                if (!requestAcked) {
                    lastSent = send(segment(sendNext, receiveNext, TcpSegment.ACK | TcpSegment.PSH, request.length), request);
                } else {
                    lastSent = send(segment(requestEnd, receiveNext, TcpSegment.ACK, 0), null);
                }
                continue;
            }
            if (in.has(TcpSegment.RST)) {
                throw new IOException("connection reset by " + destination + " port " + destinationPort);
            }
            if (in.has(TcpSegment.ACK) && in.acknowledgment() == requestEnd) {
                requestAcked = true;
            }
            if (in.sequence() == receiveNext && (in.dataLength() > 0 || in.has(TcpSegment.FIN))) {
                if (response.size() + in.dataLength() > MAX_RESPONSE) {
                    throw new IOException("response longer than " + MAX_RESPONSE + " octets");
                }
                response.write(lastPacket, in.dataOffset(), in.dataLength());
                receiveNext = TcpSegment.add(receiveNext, in.dataLength());
                if (in.has(TcpSegment.FIN)) {
                    finReceived = true;
                    receiveNext = TcpSegment.add(receiveNext, 1);
                }
            }
            if (in.length() > 0 && !(finReceived && requestAcked)) {
                send(segment(requestEnd, receiveNext, TcpSegment.ACK, 0), null); // else our FIN below carries the ACK
            }
        }
        // Our FIN (RFC 9293 §3.6); its ACK is awaited within the limit, retransmitting, but its loss is not an error.
        long finalReceive = receiveNext;
        TcpSegment fin = segment(requestEnd, finalReceive, TcpSegment.FIN | TcpSegment.ACK, 0);
        long finAcked = TcpSegment.add(requestEnd, 1);
        try {
            await(Math.min(deadline, System.nanoTime() + 3 * RETRANSMIT.toNanos()), fin,
                    s -> s.has(TcpSegment.ACK) && s.acknowledgment() == finAcked);
        } catch (TimeoutException e) {
            // the server forgets the connection on its own (idle expiry)
        }
        return response.toByteArray();
    }

    /** Sends {@code out}, then waits for a segment {@code wanted} accepts, resending it each period. */
    private TcpSegment await(long deadline, TcpSegment out, Predicate<TcpSegment> wanted)
            throws IOException, InterruptedException, TimeoutException {
        long lastSent = send(out, null);
        while (true) {
            TcpSegment in = next(deadline, Math.min(deadline, lastSent + RETRANSMIT.toNanos()));
            if (in == null) {
                if (System.nanoTime() >= deadline) {
                    throw new TimeoutException("no answer from " + destination + " port " + destinationPort);
                }
                lastSent = send(out, null);
            } else if (in.has(TcpSegment.RST)) {
                throw new IOException("connection refused by " + destination + " port " + destinationPort);
            } else if (wanted.test(in)) {
                return in;
            }
        }
    }

    /** The next segment of this connection before {@code until}; null when none came. Other packets are skipped. */
    private TcpSegment next(long deadline, long until) throws InterruptedException, TimeoutException {
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                if (System.nanoTime() >= deadline) {
                    throw new TimeoutException("no answer from " + destination + " port " + destinationPort);
                }
                return null;
            }
            byte[] packet = tunnel.receive(Duration.ofNanos(left)).orElse(null);
            if (packet == null) {
                continue;
            }
            int l4 = InnerPackets.l4(packet, IpPackets.PROTOCOL_TCP);
            if (l4 < 0) {
                continue;
            }
            int l4Length = (packet[0] & 0xF0) == 0x40 ? IpPackets.getShort(packet, 2) - l4 : IpPackets.getShort(packet, 4);
            TcpSegment in = l4Length < 0 || l4 + l4Length > packet.length ? null
                    : TcpSegment.read(packet, 0, l4, l4Length);
            if (in != null && in.source().equals(destination) && in.sourcePort() == destinationPort
                    && in.destination().equals(source) && in.destinationPort() == sourcePort) {
                lastPacket = packet;
                return in;
            }
        }
    }

    private TcpSegment segment(long sequence, long acknowledgment, int flags, int dataLength) {
        return new TcpSegment(source, destination, sourcePort, destinationPort, sequence, acknowledgment, flags, WINDOW,
                0, dataLength);
    }

    /** Sends the segment; returns when (System.nanoTime). */
    private long send(TcpSegment segment, byte[] data) {
        int length = segment.write(scratch, data, 0);
        tunnel.send(Arrays.copyOf(scratch, length));
        return System.nanoTime();
    }
}
