package dev.quetzal.runtime.napt;

import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A4;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A6;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_B4;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_B6;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER4;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER6;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK4;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK6;
import static dev.quetzal.runtime.napt.NaptFixture.destination;
import static dev.quetzal.runtime.napt.NaptFixture.l4;
import static dev.quetzal.runtime.napt.NaptFixture.source;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP4;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP6;
import static dev.quetzal.runtime.napt.NaptPackets.SYN;
import static dev.quetzal.runtime.napt.NaptPackets.TCP;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.assertChecksums;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outbound and inbound translation for TCP (RFC 5382), UDP (RFC 4787) and ICMP echo (RFC 5508) over
 * IPv4 and IPv6, with every checksum checked by recomputing it in full after the incremental update
 * (RFC 1624).
 */
@DisplayName("NAPT round trips (RFC 4787 REQ-1, RFC 5382 REQ-1, RFC 5508 REQ-1/2, RFC 1624)")
final class NaptRoundTripTest {
    private final NaptFixture fixture = new NaptFixture();

    /** A flow: how to build the client's packet and the server's answer to a given external port. */
    interface Flow {
        byte[] request(String client, int clientPort);

        byte[] answer(String client, int externalPort);
    }

    static Stream<Arguments> flows() {
        return Stream.of(
                Arguments.of("udp4", transport(UDP, SERVER4, CLIENT_A4), 0),
                Arguments.of("tcp4", transport(TCP, SERVER4, CLIENT_A4), 0),
                Arguments.of("icmp4 echo", echo(ICMP4, 8, 0, SERVER4, CLIENT_A4), 4),
                Arguments.of("udp6", transport(UDP, SERVER6, CLIENT_A6), 0),
                Arguments.of("tcp6", transport(TCP, SERVER6, CLIENT_A6), 0),
                Arguments.of("icmp6 echo", echo(ICMP6, 128, 129, SERVER6, CLIENT_A6), 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    @DisplayName("outbound: source becomes the uplink address; inbound: back to the client; checksums stay valid")
    void roundTrip(String name, Flow flow, int portOffset) {
        String client = name.endsWith("6") || name.contains("6 ") ? CLIENT_A6 : CLIENT_A4;
        String uplink = client.equals(CLIENT_A6) ? UPLINK6 : UPLINK4;
        String server = client.equals(CLIENT_A6) ? SERVER6 : SERVER4;
        byte[] request = flow.request(client, 40000);

        PacketBuffer out = fixture.out(request);

        assertNotNull(out);
        assertEquals(uplink, source(out));
        assertEquals(server, destination(out));
        int external = out.getUnsignedShort(l4(out) + portOffset);
        assertEquals(40000, external, "a free port in range is preserved (RFC 4787 §4.2.1)");
        assertChecksums(out);

        byte[] answer = flow.answer(uplink, external);
        PacketBuffer in = fixture.in(answer);

        assertNotNull(in);
        assertEquals(client, destination(in));
        assertEquals(server, source(in));
        assertEquals(40000, in.getUnsignedShort(l4(in) + (portOffset == 0 ? 2 : portOffset)));
        assertChecksums(in);
        assertArrayEquals(flow.answer(client, 40000), in.toByteArray(),
                "the client sees exactly what the server sent, addressed to itself");
    }

    @Test
    @DisplayName("two clients with the same source port get different external ports, and answers go back to each")
    void twoClientsSamePort() {
        PacketBuffer a = fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(5000, 53, 20)));
        PacketBuffer b = fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(5000, 53, 20)));
        int portA = a.getUnsignedShort(20);
        int portB = b.getUnsignedShort(20);

        assertEquals(5000, portA);
        assertNotEquals(portA, portB);
        assertEquals(UPLINK4, source(b));
        assertChecksums(b);
        assertEquals(CLIENT_B4, destination(fixture.in(ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, portB, 4)))));
        assertEquals(CLIENT_A4, destination(fixture.in(ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, portA, 4)))));
    }

    @Test
    @DisplayName("two IPv6 clients with the same TCP port get different mappings (RFC 5382 REQ-1)")
    void twoIpv6ClientsSamePort() {
        PacketBuffer a = fixture.out(ip(CLIENT_A6, SERVER6, TCP, NaptPackets.tcp(6000, 443, SYN)));
        PacketBuffer b = fixture.out(ip(CLIENT_B6, SERVER6, TCP, NaptPackets.tcp(6000, 443, SYN)));

        assertNotEquals(a.getUnsignedShort(40), b.getUnsignedShort(40));
        assertChecksums(b);
        assertEquals(2, fixture.mappings("tcp6"));
    }

    @Test
    @DisplayName("endpoint-independent mapping: one client port to two servers uses one external port (RFC 4787 REQ-1)")
    void endpointIndependentMapping() {
        fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(7000, 53, 0)));
        PacketBuffer first = fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(7000, 53, 0)));
        PacketBuffer second = fixture.out(ip(CLIENT_A4, "198.19.0.99", UDP, NaptPackets.udp(7000, 4500, 0)));

        assertEquals(first.getUnsignedShort(20), second.getUnsignedShort(20));
        assertNotEquals(7000, first.getUnsignedShort(20));
        assertEquals(2, fixture.mappings("udp4"));
        // Any far end may answer on the mapping (endpoint-independent filtering is what a FortiGate's one address needs).
        assertEquals(CLIENT_A4, destination(fixture.in(
                ip("198.19.0.200", UPLINK4, UDP, NaptPackets.udp(9, first.getUnsignedShort(20), 0)))));
    }

    @Test
    @DisplayName("an IPv4 UDP checksum of zero (none, RFC 768) stays zero")
    void zeroUdpChecksumStaysZero() {
        byte[] request = ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(8000, 53, 9));
        request[26] = 0;
        request[27] = 0;
        fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(8000, 53, 0)));

        PacketBuffer out = fixture.out(request);

        assertEquals(0, out.getUnsignedShort(26));
        assertNotEquals(8000, out.getUnsignedShort(20));
        assertChecksums(out);
    }

    @Test
    @DisplayName("the port range is honoured: a client port outside it is moved into it")
    void portOutsideRangeIsMoved() {
        NaptFixture narrow = new NaptFixture(NaptFixture.settings("30000-30009", 64, 64));

        PacketBuffer out = narrow.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(40000, 53, 0)));

        int port = out.getUnsignedShort(20);
        assertEquals(true, port >= 30000 && port <= 30009, "port " + port);
        assertChecksums(out);
    }

    @Test
    @DisplayName("RFC 3022 §2.2: an inbound packet to the uplink address with no mapping is the gateway's own flow"
            + " (a filter's DNS lookup): it goes on untranslated, not dropped")
    void noMappingPassesUntranslated() {
        byte[] answer = ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, 12345, 0));
        byte[] echoReply = ip(SERVER6, UPLINK6, ICMP6, NaptPackets.echo(129, 1, 1));
        // RFC 792: the far side pinging the uplink address; a client holding that address answers it.
        byte[] echoRequest = ip(SERVER4, UPLINK4, ICMP4, NaptPackets.echo(8, 7, 1));

        assertArrayEquals(answer, fixture.in(answer).toByteArray());
        assertArrayEquals(echoReply, fixture.in(echoReply).toByteArray());
        assertArrayEquals(echoRequest, fixture.in(echoRequest).toByteArray());
        assertEquals(0, fixture.drops("napt-no-mapping"));
    }

    @Test
    @DisplayName("an inbound packet to another address passes untouched")
    void otherDestinationPasses() {
        byte[] bytes = ip(SERVER4, CLIENT_A4, UDP, NaptPackets.udp(53, 12345, 0));

        assertArrayEquals(bytes, fixture.in(bytes).toByteArray());
    }

    @Test
    @DisplayName("a packet already from the uplink address passes untouched outbound")
    void uplinkSourcePasses() {
        byte[] bytes = ip(UPLINK4, SERVER4, UDP, NaptPackets.udp(1000, 53, 0));

        assertArrayEquals(bytes, fixture.out(bytes).toByteArray());
        assertEquals(0, fixture.mappings("udp4"));
    }

    @Test
    @DisplayName("a family the uplink has no address for is dropped as napt-no-uplink-address")
    void noUplinkAddressForFamily() {
        fixture.napt.setUplinkAddresses(java.util.List.of(dev.quetzal.api.net.IpAddress.parse(UPLINK4)));

        assertNull(fixture.out(ip(CLIENT_A6, SERVER6, UDP, NaptPackets.udp(1000, 53, 0))));
        assertEquals(1, fixture.drops("napt-no-uplink-address"));
    }

    @Test
    @DisplayName("protocols without ports (GRE) are dropped as napt-unsupported-protocol")
    void unsupportedProtocol() {
        assertNull(fixture.out(ip(CLIENT_A4, SERVER4, 47, new byte[8])));
        assertEquals(1, fixture.drops("napt-unsupported-protocol"));
    }

    @Test
    @DisplayName("a TCP header cut short is dropped as napt-malformed")
    void truncatedTcpIsDropped() {
        byte[] bytes = java.util.Arrays.copyOf(ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(1, 2, SYN)), 32);
        NaptPackets.put16(bytes, 2, 32);

        assertNull(fixture.out(bytes));
        assertEquals(1, fixture.drops("napt-malformed"));
    }

    private static Flow transport(int protocol, String server, String unused) {
        return new Flow() {
            @Override
            public byte[] request(String client, int clientPort) {
                return ip(client, server, protocol, protocol == TCP ? NaptPackets.tcp(clientPort, 443, SYN)
                        : NaptPackets.udp(clientPort, 53, 33));
            }

            @Override
            public byte[] answer(String client, int externalPort) {
                return ip(server, client, protocol, protocol == TCP
                        ? NaptPackets.tcp(443, externalPort, SYN | NaptPackets.ACK)
                        : NaptPackets.udp(53, externalPort, 77));
            }
        };
    }

    private static Flow echo(int protocol, int requestType, int replyType, String server, String unused) {
        return new Flow() {
            @Override
            public byte[] request(String client, int identifier) {
                return ip(client, server, protocol, NaptPackets.echo(requestType, identifier, 1));
            }

            @Override
            public byte[] answer(String client, int identifier) {
                return ip(server, client, protocol, NaptPackets.echo(replyType, identifier, 1));
            }
        };
    }
}
