package dev.quetzal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv6Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo client's DNS and ICMPv6 packets, answered by the emulator's in-process network (issue 7 item 2). */
final class InnerPacketsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    @DisplayName("RFC 3596, RFC 1035 §4.1: an AAAA query the zone answers; the answer is matched by port and id")
    void aaaaQueryAndAnswer() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        tunnel.send(InnerPackets.aaaaQuery(IpAddress.parse("198.18.1.2"), 40053, IpAddress.parse("198.18.0.53"),
                "intranet.corp.example", 0x1234));
        byte[] answer = tunnel.receive(WAIT).orElseThrow();
        assertEquals(List.of(IpAddress.parse("2001:db8:c0::10")), InnerPackets.aaaaAnswer(answer, 40053, 0x1234));
        assertNull(InnerPackets.aaaaAnswer(answer, 40053, 0x1235), "another id");
        assertNull(InnerPackets.aaaaAnswer(answer, 40054, 0x1234), "another port");
    }

    @Test
    @DisplayName("RFC 3596: a name with an A record only has an empty AAAA answer (what DNS64 then synthesizes from)")
    void noAaaa() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        tunnel.send(InnerPackets.aaaaQuery(IpAddress.parse("198.18.1.2"), 40053, IpAddress.parse("198.18.0.53"),
                "v4only.corp.example", 7));
        assertEquals(List.of(), InnerPackets.aaaaAnswer(tunnel.receive(WAIT).orElseThrow(), 40053, 7));
    }

    @Test
    @DisplayName("RFC 4443 §4.1, §4.2: an ICMPv6 echo request is answered; the reply matches identifier and sequence")
    void echo() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        Ipv6Address client = (Ipv6Address) IpAddress.parse("2001:db8:1::2");
        Ipv6Address target = (Ipv6Address) IpAddress.parse("2001:db8:c0::10");
        tunnel.send(InnerPackets.echoRequest(client, target, 77, 3, "x".getBytes(StandardCharsets.US_ASCII)));
        byte[] reply = tunnel.receive(WAIT).orElseThrow();
        assertTrue(InnerPackets.isEchoReply(reply, 77, 3));
        assertFalse(InnerPackets.isEchoReply(reply, 77, 4));
        reply[reply.length - 1] ^= 1;
        assertFalse(InnerPackets.isEchoReply(reply, 77, 3), "a corrupt checksum");
    }

    @Test
    @DisplayName("the packet readers refuse every truncation of an answer instead of failing")
    void truncated() throws Exception {
        NetworkTunnel tunnel = new NetworkTunnel(packet -> false);
        tunnel.send(InnerPackets.aaaaQuery(IpAddress.parse("198.18.1.2"), 40053, IpAddress.parse("198.18.0.53"),
                "intranet.corp.example", 9));
        byte[] answer = tunnel.receive(WAIT).orElseThrow();
        for (int length = 0; length < answer.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(answer, length);
            List<IpAddress> parsed = InnerPackets.aaaaAnswer(cut, 40053, 9);
            assertTrue(parsed == null || parsed.isEmpty(), "length " + length + ": " + parsed);
            assertFalse(InnerPackets.isEchoReply(cut, 9, 1));
        }
    }
}
