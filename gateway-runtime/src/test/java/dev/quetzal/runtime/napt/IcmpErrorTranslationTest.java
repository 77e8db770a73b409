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
import static dev.quetzal.runtime.napt.NaptFixture.source;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP4;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP6;
import static dev.quetzal.runtime.napt.NaptPackets.SYN;
import static dev.quetzal.runtime.napt.NaptPackets.TCP;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.assertChecksums;
import static dev.quetzal.runtime.napt.NaptPackets.icmpError;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ICMP errors carry the packet they are about; the translation must rewrite it too, with its
 * checksums and the error's own (RFC 5508 REQ-3, RFC 5382 REQ-9, RFC 4787 §4.3 via RFC 5508). Each
 * test makes the external port differ from the client's, so the embedded port must be rewritten.
 */
@DisplayName("ICMP errors: embedded packet translated both ways (RFC 5508 REQ-3, RFC 5382 REQ-9, RFC 1624)")
final class IcmpErrorTranslationTest {
    private final NaptFixture fixture = new NaptFixture();

    @BeforeEach
    void otherClientsHoldThePorts() {
        fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(40000, 53, 0)));
        fixture.out(ip(CLIENT_B4, SERVER4, TCP, NaptPackets.tcp(40000, 80, SYN)));
        fixture.out(ip(CLIENT_B4, SERVER4, ICMP4, NaptPackets.echo(8, 40000, 1)));
        fixture.out(ip(CLIENT_B6, SERVER6, UDP, NaptPackets.udp(40000, 53, 0)));
    }

    @Test
    @DisplayName("IPv4 port unreachable quoting a whole UDP datagram: the client sees the datagram it sent")
    void ipv4PortUnreachableForUdp() {
        byte[] sent = ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(40000, 53, 12));
        PacketBuffer onWire = fixture.out(sent);
        assertNotEquals(40000, onWire.getUnsignedShort(20));
        byte[] error = ip(SERVER4, UPLINK4, ICMP4, icmpError(3, 3, onWire.toByteArray(), onWire.length()));

        PacketBuffer in = fixture.in(error);

        assertEquals(CLIENT_A4, destination(in));
        assertChecksums(in);
        byte[] bytes = in.toByteArray();
        assertArrayEquals(sent, Arrays.copyOfRange(bytes, 28, bytes.length));
        assertChecksums(bytes, 28, bytes.length);
    }

    @Test
    @DisplayName("IPv4 time exceeded quoting only the IP header and 8 bytes of a TCP segment (RFC 792)")
    void ipv4TimeExceededForTruncatedTcp() {
        byte[] sent = ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(40000, 80, SYN));
        PacketBuffer onWire = fixture.out(sent);
        byte[] error = ip("198.19.0.1", UPLINK4, ICMP4, icmpError(11, 0, onWire.toByteArray(), 28));

        PacketBuffer in = fixture.in(error);

        assertEquals(CLIENT_A4, destination(in));
        assertChecksums(in);
        byte[] bytes = in.toByteArray();
        assertArrayEquals(Arrays.copyOf(sent, 28), Arrays.copyOfRange(bytes, 28, bytes.length),
                "embedded header (with its checksum) and ports are the client's");
    }

    @Test
    @DisplayName("IPv4 time exceeded quoting an echo request: the identifier goes back to the client's")
    void ipv4TimeExceededForEcho() {
        byte[] sent = ip(CLIENT_A4, SERVER4, ICMP4, NaptPackets.echo(8, 40000, 9));
        PacketBuffer onWire = fixture.out(sent);
        byte[] error = ip("198.19.0.1", UPLINK4, ICMP4, icmpError(11, 0, onWire.toByteArray(), onWire.length()));

        PacketBuffer in = fixture.in(error);

        byte[] bytes = in.toByteArray();
        assertChecksums(in);
        assertArrayEquals(sent, Arrays.copyOfRange(bytes, 28, bytes.length));
        assertChecksums(bytes, 28, bytes.length);
    }

    @Test
    @DisplayName("ICMPv6 destination unreachable quoting a UDP datagram (pseudo-header checksum, RFC 4443 §2.3)")
    void ipv6DestinationUnreachable() {
        byte[] sent = ip(CLIENT_A6, SERVER6, UDP, NaptPackets.udp(40000, 53, 10));
        PacketBuffer onWire = fixture.out(sent);
        byte[] error = ip(SERVER6, UPLINK6, ICMP6, icmpError(1, 4, onWire.toByteArray(), onWire.length()));

        PacketBuffer in = fixture.in(error);

        assertEquals(CLIENT_A6, destination(in));
        assertChecksums(in);
        byte[] bytes = in.toByteArray();
        assertArrayEquals(sent, Arrays.copyOfRange(bytes, 48, bytes.length));
        assertChecksums(bytes, 48, bytes.length);
    }

    @Test
    @DisplayName("an error the client sends about a packet it received reaches the far end about the packet it sent")
    void outboundErrorIsTranslated() {
        PacketBuffer onWire = fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(40000, 53, 0)));
        int external = onWire.getUnsignedShort(20);
        byte[] answer = ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, external, 16));
        PacketBuffer received = fixture.in(answer);
        byte[] error = ip(CLIENT_A4, SERVER4, ICMP4, icmpError(3, 3, received.toByteArray(), received.length()));

        PacketBuffer out = fixture.out(error);

        assertEquals(UPLINK4, source(out));
        assertChecksums(out);
        byte[] bytes = out.toByteArray();
        assertArrayEquals(answer, Arrays.copyOfRange(bytes, 28, bytes.length));
    }

    @Test
    @DisplayName("an ICMPv6 error from the client about a received packet is translated with the pseudo-header")
    void outboundIpv6ErrorIsTranslated() {
        PacketBuffer onWire = fixture.out(ip(CLIENT_A6, SERVER6, UDP, NaptPackets.udp(40000, 53, 0)));
        byte[] answer = ip(SERVER6, UPLINK6, UDP, NaptPackets.udp(53, onWire.getUnsignedShort(40), 16));
        PacketBuffer received = fixture.in(answer);
        byte[] error = ip(CLIENT_A6, SERVER6, ICMP6, icmpError(1, 4, received.toByteArray(), received.length()));

        PacketBuffer out = fixture.out(error);

        assertEquals(UPLINK6, source(out));
        assertChecksums(out);
        byte[] bytes = out.toByteArray();
        assertArrayEquals(answer, Arrays.copyOfRange(bytes, 48, bytes.length));
    }

    @Test
    @DisplayName("RFC 5508 REQ-3: an error about a packet no client mapping sent (the gateway's own) goes on untranslated")
    void errorWithoutMappingPasses() {
        byte[] unknown = ip(UPLINK4, SERVER4, UDP, NaptPackets.udp(55555, 53, 0));
        byte[] error = ip(SERVER4, UPLINK4, ICMP4, icmpError(3, 3, unknown, unknown.length));

        assertArrayEquals(error, fixture.in(error).toByteArray());
        assertEquals(0, fixture.drops("napt-no-mapping"));
    }

    @Test
    @DisplayName("an error whose embedded packet is cut before its ports is dropped as napt-malformed")
    void errorCutShortIsDropped() {
        PacketBuffer onWire = fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(40000, 53, 0)));

        assertNull(fixture.in(ip(SERVER4, UPLINK4, ICMP4, icmpError(3, 3, onWire.toByteArray(), 22))));
        assertEquals(1, fixture.drops("napt-malformed"));
    }
}
