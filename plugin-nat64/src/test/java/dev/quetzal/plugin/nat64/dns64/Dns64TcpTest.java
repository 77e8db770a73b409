package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.a;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.aaaa;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.answer;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.query;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.udpMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS64 over TCP (checklist 12; RFC 6147 §5.4, RFC 1035 §4.2.2 two-byte framing, RFC 7766): queries
 * split over segments, answers rewritten in their segment with sequence and acknowledgement numbers
 * shifted (RFC 793 §3.3) for the rest of the connection.
 */
final class Dns64TcpTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;
    private static final int FIN_ACK = 0x11;
    private static final long CLIENT_ISN = 1000;
    private static final long SERVER_ISN = 5000;

    private final Dns64Fixture f = new Dns64Fixture();

    private PacketBuffer fromClient(long seq, long ack, int flags, byte[] payload) {
        return tcp(Dns64Fixture.CLIENT, Dns64Fixture.CLIENT_PORT, f.server, 53, seq, ack, flags, payload);
    }

    private PacketBuffer fromServer(long seq, long ack, int flags, byte[] payload) {
        return tcp(f.server, 53, Dns64Fixture.CLIENT, Dns64Fixture.CLIENT_PORT, seq, ack, flags, payload);
    }

    static PacketBuffer tcp(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, long seq, long ack,
            int flags, byte[] payload) {
        PacketBuffer packet = PacketBuffer.allocate(Dns64Fixture.HEADROOM, Dns64Fixture.CAPACITY);
        int ip = DnsPackets.ipHeaderLength(source);
        packet.setLength(ip + 20 + payload.length);
        DnsPackets.writeIpHeader(packet, source, destination, DnsPackets.TCP, 20 + payload.length);
        packet.putShort(ip, sourcePort);
        packet.putShort(ip + 2, destinationPort);
        packet.putInt(ip + 4, (int) seq);
        packet.putInt(ip + 8, (int) ack);
        packet.putByte(ip + 12, 5 << 4);
        packet.putByte(ip + 13, flags);
        packet.putShort(ip + 14, 65535);
        System.arraycopy(payload, 0, packet.array(), packet.arrayOffset() + ip + 20, payload.length);
        packet.putShort(ip + 16, DnsPackets.transportChecksum(packet, ip, 20 + payload.length, DnsPackets.TCP));
        return packet;
    }

    static byte[] framed(Message message) {
        byte[] wire = message.toWire();
        byte[] out = new byte[wire.length + 2];
        out[0] = (byte) (wire.length >>> 8);
        out[1] = (byte) wire.length;
        System.arraycopy(wire, 0, out, 2, wire.length);
        return out;
    }

    private static long seq(PacketBuffer packet) {
        return packet.getInt(40 + 4) & 0xFFFFFFFFL;
    }

    private static long ack(PacketBuffer packet) {
        return packet.getInt(40 + 8) & 0xFFFFFFFFL;
    }

    /** The DNS message in a TCP segment holding exactly one framed message, checking the checksum (RFC 793 §3.1). */
    private static Message tcpMessage(PacketBuffer packet) throws Exception {
        int length = DnsPackets.ipLength(packet) - 40;
        assertEquals(0, DnsPackets.transportChecksum(packet, 40, length, DnsPackets.TCP), "TCP checksum");
        byte[] bytes = packet.toByteArray();
        int messageLength = ((bytes[60] & 0xFF) << 8) | (bytes[61] & 0xFF);
        assertEquals(length - 22, messageLength, "one framed message");
        return new Message(Arrays.copyOfRange(bytes, 62, 62 + messageLength));
    }

    private void handshake() {
        assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(CLIENT_ISN, 0, SYN, new byte[0]), f.session));
        assertEquals(Verdict.PASS, f.dns64.inbound(fromServer(SERVER_ISN, CLIENT_ISN + 1, SYN | ACK, new byte[0])));
    }

    @Test
    @DisplayName("RFC 6147 §5.1.6 over TCP: a query split over segments (even its length field); NODATA held, A asked over UDP, answer rewritten and later numbers shifted")
    void nodataOverTcp() throws Exception {
        handshake();
        byte[] query = framed(query("v4only.corp.example", Type.AAAA));
        assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(CLIENT_ISN + 1, SERVER_ISN + 1, PSH_ACK, Arrays.copyOf(query, 1)),
                f.session));
        assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(CLIENT_ISN + 2, SERVER_ISN + 1, PSH_ACK,
                Arrays.copyOfRange(query, 1, 10)), f.session));
        assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(CLIENT_ISN + 11, SERVER_ISN + 1, PSH_ACK,
                Arrays.copyOfRange(query, 10, query.length)), f.session));

        byte[] nodata = framed(answer(query("v4only.corp.example", Type.AAAA), Rcode.NOERROR));
        long clientNext = CLIENT_ISN + 1 + query.length;
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(fromServer(SERVER_ISN + 1, clientNext, PSH_ACK, nodata)), "held");
        Message aQuery = udpMessage(f.toServer.getFirst());
        assertEquals(Type.A, aQuery.getQuestion().getType());
        assertEquals(Dns64Fixture.CLIENT_PORT, DnsPackets.sourcePort(f.toServer.getFirst(), 40));
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(fromServer(SERVER_ISN + 1, clientNext, PSH_ACK, nodata)),
                "a retransmission of the held segment is dropped");

        PacketBuffer aAnswer = f.serverUdp(answer(aQuery, Rcode.NOERROR, a("v4only.corp.example", 60, "10.3.3.3")));
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(aAnswer), "our own A answer is not the client's");
        PacketBuffer delivered = f.toClient.getFirst();
        assertEquals(SERVER_ISN + 1, seq(delivered));
        Message result = tcpMessage(delivered);
        assertEquals(0x1234, result.getHeader().getID());
        assertEquals(Type.AAAA, result.getSection(Section.ANSWER).getFirst().getType());
        assertEquals("64:ff9b:1::a03:303",
                IpAddress.of(((AAAARecord) result.getSection(Section.ANSWER).getFirst()).getAddress()).toString());
        int grown = (DnsPackets.ipLength(delivered) - 60) - nodata.length;
        assertTrue(grown > 0);

        // The server's FIN comes after its original bytes: shifted. The client's ACK of the new bytes: unshifted.
        PacketBuffer fin = fromServer(SERVER_ISN + 1 + nodata.length, clientNext, FIN_ACK, new byte[0]);
        assertEquals(Verdict.PASS, f.dns64.inbound(fin));
        assertEquals(SERVER_ISN + 1 + nodata.length + grown, seq(fin));
        assertEquals(0, DnsPackets.transportChecksum(fin, 40, 20, DnsPackets.TCP));
        PacketBuffer clientAck = fromClient(clientNext, SERVER_ISN + 1 + nodata.length + grown + 1, FIN_ACK, new byte[0]);
        assertEquals(Verdict.PASS, f.dns64.outbound(clientAck, f.session));
        assertEquals(SERVER_ISN + 1 + nodata.length + 1, ack(clientAck));
        assertEquals(0, DnsPackets.transportChecksum(clientAck, 40, 20, DnsPackets.TCP));
    }

    @Test
    @DisplayName("Brief (aQueries empty) over TCP: the server's A answer becomes an empty NOERROR; a retransmission gets the same rewrite")
    void emptyAOverTcp() throws Exception {
        handshake();
        Message aQuery = query("www.corp.example", Type.A);
        byte[] framedQuery = framed(aQuery);
        f.dns64.outbound(fromClient(CLIENT_ISN + 1, SERVER_ISN + 1, PSH_ACK, framedQuery), f.session);
        byte[] aAnswer = framed(answer(aQuery, Rcode.NOERROR, a("www.corp.example", 60, "10.1.2.3")));
        PacketBuffer segment = fromServer(SERVER_ISN + 1, CLIENT_ISN + 1 + framedQuery.length, PSH_ACK, aAnswer);
        assertEquals(Verdict.PASS, f.dns64.inbound(segment));
        Message result = tcpMessage(segment);
        assertEquals(Rcode.NOERROR, result.getRcode());
        assertTrue(result.getSection(Section.ANSWER).isEmpty());
        PacketBuffer again = fromServer(SERVER_ISN + 1, CLIENT_ISN + 1 + framedQuery.length, PSH_ACK, aAnswer);
        assertEquals(Verdict.PASS, f.dns64.inbound(again));
        assertArrayEquals(segment.toByteArray(), again.toByteArray());
    }

    @Test
    @DisplayName("RFC 6147 §5.1.1 over TCP: a real AAAA answer passes byte for byte; an answer split over segments is left as is and counted")
    void passesAndSplitAnswers() throws Exception {
        handshake();
        Message first = query("v6.corp.example", Type.AAAA);
        Message second = query("split.corp.example", Type.AAAA);
        second.getHeader().setID(0x4321);
        byte[] queries = concat(framed(first), framed(second));
        f.dns64.outbound(fromClient(CLIENT_ISN + 1, SERVER_ISN + 1, PSH_ACK, queries), f.session);
        long clientNext = CLIENT_ISN + 1 + queries.length;
        byte[] real = framed(answer(first, Rcode.NOERROR, aaaa("v6.corp.example", 60, "2001:db8:5::1")));
        PacketBuffer segment = fromServer(SERVER_ISN + 1, clientNext, PSH_ACK, real);
        byte[] before = segment.toByteArray();
        assertEquals(Verdict.PASS, f.dns64.inbound(segment));
        assertArrayEquals(before, segment.toByteArray());

        byte[] nodata = framed(answer(second, Rcode.NOERROR));
        long next = SERVER_ISN + 1 + real.length;
        PacketBuffer part1 = fromServer(next, clientNext, PSH_ACK, Arrays.copyOf(nodata, 10));
        PacketBuffer part2 = fromServer(next + 10, clientNext, PSH_ACK, Arrays.copyOfRange(nodata, 10, nodata.length));
        assertEquals(Verdict.PASS, f.dns64.inbound(part1));
        assertEquals(Verdict.PASS, f.dns64.inbound(part2));
        assertEquals(1, f.dns64.counters().tcpUnhandled());
        assertTrue(f.toServer.isEmpty());
    }

    @Test
    @DisplayName("RFC 6147 §5.1.6 over TCP: when the A lookup times out, the held answer goes to the client unchanged")
    void heldAnswerReleasedOnTimeout() throws Exception {
        handshake();
        byte[] query = framed(query("slow.corp.example", Type.AAAA));
        f.dns64.outbound(fromClient(CLIENT_ISN + 1, SERVER_ISN + 1, PSH_ACK, query), f.session);
        byte[] nodata = framed(answer(query("slow.corp.example", Type.AAAA), Rcode.NOERROR));
        PacketBuffer segment = fromServer(SERVER_ISN + 1, CLIENT_ISN + 1 + query.length, PSH_ACK, nodata);
        byte[] before = segment.toByteArray();
        assertEquals(Verdict.CONSUMED, f.dns64.inbound(segment));
        f.advance(Duration.ofMillis(2100));
        assertEquals(1, f.toClient.size());
        assertArrayEquals(before, f.toClient.getFirst().toByteArray());
    }

    @Test
    @DisplayName("Flows without their SYN are not followed (RFC 7766 §6.2: message boundaries need the stream's start)")
    void flowsWithoutSyn() throws Exception {
        byte[] query = framed(query("v4only.corp.example", Type.AAAA));
        f.dns64.outbound(fromClient(CLIENT_ISN + 1, SERVER_ISN + 1, PSH_ACK, query), f.session);
        PacketBuffer segment = fromServer(SERVER_ISN + 1, CLIENT_ISN + 1, PSH_ACK,
                framed(answer(query("v4only.corp.example", Type.AAAA), Rcode.NOERROR)));
        assertEquals(Verdict.PASS, f.dns64.inbound(segment));
        assertTrue(f.toServer.isEmpty());
        assertEquals(List.of(), f.toClient);
    }

    @Test
    @DisplayName("RFC 7766 §8: reassembly is bounded; past the bound the flow is no longer followed and its answers pass")
    void boundedReassembly() throws Exception {
        handshake();
        byte[] huge = new byte[TcpDnsFlows.MAX_QUERY_BYTES + 100];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xFF; // a 65535-byte message announced
        for (int at = 0; at < huge.length; at += 1400) {
            byte[] part = Arrays.copyOfRange(huge, at, Math.min(huge.length, at + 1400));
            assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(CLIENT_ISN + 1 + at, SERVER_ISN + 1, PSH_ACK, part), f.session));
        }
        assertTrue(f.dns64.tcp().bufferedQueryBytes() <= TcpDnsFlows.MAX_QUERY_BYTES, "bounded");
        byte[] query = framed(query("v4only.corp.example", Type.AAAA));
        long next = CLIENT_ISN + 1 + huge.length;
        assertEquals(Verdict.PASS, f.dns64.outbound(fromClient(next, SERVER_ISN + 1, PSH_ACK, query), f.session));
        PacketBuffer nodata = fromServer(SERVER_ISN + 1, next + query.length, PSH_ACK,
                framed(answer(query("v4only.corp.example", Type.AAAA), Rcode.NOERROR)));
        assertEquals(Verdict.PASS, f.dns64.inbound(nodata));
        assertTrue(f.toServer.isEmpty(), "not followed: no A lookup");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
