package dev.quetzal.emulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-process network's HTTP-over-TCP responder (issue 7 item 2: the demo's page), checked against RFC 9293. */
final class TcpHttpResponderTest {
    private static final IpAddress CLIENT = IpAddress.parse("198.18.1.2");
    private static final IpAddress SERVER = IpAddress.parse("198.18.0.10");
    private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8:1::2");
    private static final IpAddress SERVER6 = IpAddress.parse("2001:db8:c0::10");
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: intranet.corp.example\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong now = new AtomicLong();
    private final TcpHttpResponder responder = new TcpHttpResponder(2, TimeUnit.SECONDS.toNanos(10), now::get);

    @Test
    @DisplayName("RFC 9293 §3.5, §3.6: SYN, SYN-ACK, ACK, GET answered by ACK+response+FIN, FIN acknowledged, table empty")
    void wholeExchangeIpv4() {
        exchange(CLIENT, SERVER);
    }

    @Test
    @DisplayName("RFC 9293 §3.5, §3.6 over IPv6 (RFC 8200 §8.1 checksum): the same exchange")
    void wholeExchangeIpv6() {
        exchange(CLIENT6, SERVER6);
    }

    private void exchange(IpAddress client, IpAddress server) {
        long iss = 0xFFFF_FFF0L; // wraps during the exchange (RFC 9293 §3.4)
        TcpSegment synAck = send(segment(client, server, 80, iss, 0, TcpSegment.SYN, null));
        assertEquals(TcpSegment.SYN | TcpSegment.ACK, synAck.flags());
        assertEquals(TcpSegment.add(iss, 1), synAck.acknowledgment());
        assertEquals(server, synAck.source());
        assertEquals(client, synAck.destination());
        assertEquals(40000, synAck.destinationPort());
        long ourNext = TcpSegment.add(iss, 1);
        long theirNext = TcpSegment.add(synAck.sequence(), 1);
        assertEquals(null, send(segment(client, server, 80, ourNext, theirNext, TcpSegment.ACK, null)));

        byte[][] reply = new byte[1][];
        TcpSegment response = send(segment(client, server, 80, ourNext, theirNext, TcpSegment.ACK | TcpSegment.PSH, GET),
                reply);
        assertEquals(TcpSegment.ACK | TcpSegment.PSH | TcpSegment.FIN, response.flags());
        assertEquals(TcpSegment.add(ourNext, GET.length), response.acknowledgment());
        assertEquals(theirNext, response.sequence());
        String http = new String(reply[0], response.dataOffset(), response.dataLength(), StandardCharsets.UTF_8);
        assertTrue(http.startsWith("HTTP/1.1 200 OK\r\n"), http);
        assertTrue(http.contains("Connection: close\r\n"), http);
        assertTrue(http.endsWith(TcpHttpResponder.PAGE), http);
        assertTrue(http.contains("Content-Length: " + TcpHttpResponder.PAGE.length() + "\r\n"), http);

        long afterRequest = TcpSegment.add(ourNext, GET.length);
        long afterTheirFin = TcpSegment.add(theirNext, response.dataLength() + 1L);
        TcpSegment finAck = send(segment(client, server, 80, afterRequest, afterTheirFin,
                TcpSegment.FIN | TcpSegment.ACK, null));
        assertEquals(TcpSegment.ACK, finAck.flags());
        assertEquals(TcpSegment.add(afterRequest, 1), finAck.acknowledgment());
        assertEquals(0, responder.connections());
        assertEquals(1, responder.responses());
        assertEquals(0, responder.resets());
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.1: a SYN to a port without a server gets RST+ACK acknowledging it")
    void closedPort() {
        TcpSegment reset = send(segment(CLIENT, SERVER, 81, 1000, 0, TcpSegment.SYN, null));
        assertEquals(TcpSegment.RST | TcpSegment.ACK, reset.flags());
        assertEquals(1001, reset.acknowledgment());
        assertEquals(0, reset.sequence());
        assertEquals(0, responder.connections());
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.1: a segment with ACK for no connection gets RST with SEQ = SEG.ACK; a RST is never answered")
    void unknownConnection() {
        TcpSegment reset = send(segment(CLIENT, SERVER, 80, 5, 777, TcpSegment.ACK, GET));
        assertEquals(TcpSegment.RST, reset.flags());
        assertEquals(777, reset.sequence());
        assertEquals(null, send(segment(CLIENT, SERVER, 80, 5, 777, TcpSegment.RST, null)));
        assertEquals(1, responder.resets());
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.4: out-of-order data is not taken, only acknowledged with RCV.NXT; a RST closes")
    void outOfOrderAndReset() {
        TcpSegment synAck = send(segment(CLIENT, SERVER, 80, 100, 0, TcpSegment.SYN, null));
        long theirNext = TcpSegment.add(synAck.sequence(), 1);
        TcpSegment ack = send(segment(CLIENT, SERVER, 80, 150, theirNext, TcpSegment.ACK, GET));
        assertEquals(TcpSegment.ACK, ack.flags());
        assertEquals(101, ack.acknowledgment());
        assertEquals(0, responder.responses());
        assertEquals(null, send(segment(CLIENT, SERVER, 80, 101, theirNext, TcpSegment.RST, null)));
        assertEquals(0, responder.connections());
    }

    @Test
    @DisplayName("RFC 9293 §3.10.7.4: in SYN-RECEIVED, an ACK of something we never sent gets RST with SEQ = SEG.ACK")
    void unacceptableAckInSynReceived() {
        TcpSegment synAck = send(segment(CLIENT, SERVER, 80, 100, 0, TcpSegment.SYN, null));
        long wrong = TcpSegment.add(synAck.sequence(), 5);
        TcpSegment reset = send(segment(CLIENT, SERVER, 80, 101, wrong, TcpSegment.ACK, GET));
        assertEquals(TcpSegment.RST, reset.flags());
        assertEquals(wrong, reset.sequence());
        assertEquals(0, responder.responses());
    }

    @Test
    @DisplayName("RFC 9293 §3.6: a request split over segments is answered once its blank line arrives (RFC 9112 §2.1)")
    void splitRequest() {
        TcpSegment synAck = send(segment(CLIENT, SERVER, 80, 0, 0, TcpSegment.SYN, null));
        long theirNext = TcpSegment.add(synAck.sequence(), 1);
        byte[] first = Arrays.copyOf(GET, 10);
        byte[] rest = Arrays.copyOfRange(GET, 10, GET.length);
        TcpSegment ack = send(segment(CLIENT, SERVER, 80, 1, theirNext, TcpSegment.ACK, first));
        assertEquals(TcpSegment.ACK, ack.flags());
        assertEquals(11, ack.acknowledgment());
        TcpSegment response = send(segment(CLIENT, SERVER, 80, 11, theirNext, TcpSegment.ACK, rest));
        assertTrue(response.has(TcpSegment.FIN) && response.dataLength() > 0, response.toString());
    }

    @Test
    @DisplayName("bounded table: a SYN beyond the limit is reset and counted; idle connections expire and make room")
    void boundedTable() {
        send(segment(CLIENT, SERVER, 80, 0, 0, TcpSegment.SYN, null));
        send(segment(CLIENT6, SERVER6, 80, 0, 0, TcpSegment.SYN, null));
        TcpSegment refused = send(segment(CLIENT, IpAddress.parse("198.18.0.11"), 80, 0, 0, TcpSegment.SYN, null));
        assertEquals(TcpSegment.RST | TcpSegment.ACK, refused.flags());
        assertEquals(1, responder.refused());
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        TcpSegment accepted = send(segment(CLIENT, IpAddress.parse("198.18.0.11"), 80, 0, 0, TcpSegment.SYN, null));
        assertEquals(TcpSegment.SYN | TcpSegment.ACK, accepted.flags());
        assertEquals(1, responder.connections());
    }

    @Test
    @DisplayName("RFC 9293 §3.1: a bad checksum, a data offset past the segment and every truncation are dropped")
    void malformed() {
        byte[] good = segment(CLIENT, SERVER, 80, 0, 0, TcpSegment.SYN, null);
        byte[] corrupt = good.clone();
        corrupt[25] ^= 1;
        byte[] out = new byte[2048];
        assertEquals(TcpHttpResponder.MALFORMED, responder.segment(corrupt, 0, 20, corrupt.length - 20, out));
        byte[] offset = good.clone();
        offset[32] = (byte) 0xF0;
        assertEquals(TcpHttpResponder.MALFORMED, responder.segment(offset, 0, 20, offset.length - 20, out));
        for (int length = 0; length < TcpSegment.HEADER; length++) {
            assertEquals(TcpHttpResponder.MALFORMED, responder.segment(good, 0, 20, length, out), "length " + length);
        }
        assertEquals(0, responder.connections());
    }

    private TcpSegment send(byte[] packet) {
        return send(packet, new byte[1][]);
    }

    /** Feeds one packet; returns the reply segment (its packet in {@code reply[0]}) or null when none was sent. */
    private TcpSegment send(byte[] packet, byte[][] reply) {
        byte[] out = new byte[2048];
        int l4 = (packet[0] & 0xF0) == 0x40 ? 20 : 40;
        int length = responder.segment(packet, 0, l4, packet.length - l4, out);
        assertTrue(length >= 0, "dropped as malformed");
        if (length == 0) {
            return null;
        }
        reply[0] = Arrays.copyOf(out, length);
        int replyL4 = (out[0] & 0xF0) == 0x40 ? 20 : 40;
        TcpSegment segment = TcpSegment.read(reply[0], 0, replyL4, length - replyL4);
        assertNotNull(segment, "the reply's checksum verifies");
        return segment;
    }

    private static byte[] segment(IpAddress client, IpAddress server, int port, long sequence, long acknowledgment,
            int flags, byte[] data) {
        int length = data == null ? 0 : data.length;
        byte[] out = new byte[100 + length];
        int written = new TcpSegment(client, server, 40000, port, sequence, acknowledgment, flags, 65535, 0, length)
                .write(out, data, 0);
        return Arrays.copyOf(out, written);
    }
}
