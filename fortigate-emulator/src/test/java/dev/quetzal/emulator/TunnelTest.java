package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.network.IpPackets;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import dev.quetzal.emulator.testing.TunnelClient;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The tunnel: switch, PPP, IP both ways, termination (fortivpn-protocol.md §4-§7, §9, §11, §12). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class TunnelTest {
    private static final IpAddress INTRANET = IpAddress.parse("198.18.0.10");

    @RegisterExtension
    static final EmulatorFixture fixture = EmulatorFixture.startedWith(EmulatorFixture.alice());

    @Test
    @DisplayName("§4/§9: no HTTP response, LCP request pipelined with the GET, IPCP opens with the gateway as peer")
    void tunnelComesUp() throws Exception {
        long opened = fixture.emulator().stats().tunnelsOpened();
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            NetworkParameters parameters = client.awaitUp();
            assertEquals(client.address(), parameters.localAddress());
            assertEquals(IpAddress.parse("198.18.255.254"), parameters.peerAddress());
            assertEquals(opened + 1, fixture.emulator().stats().tunnelsOpened());
            assertTrue(fixture.emulator().sessions().stream().anyMatch(s -> s.assignedAddress().equals(client.address()) && s.tunnelUp()));
            // §5: the server's own frames carry no ff 03 (FortiGate style), its LCP request carries a magic number.
            byte[] firstFrame = client.controlFrames().getFirst();
            assertEquals(0xC0, firstFrame[0] & 0xFF);
            assertEquals(0x21, firstFrame[1] & 0xFF);
        }
    }

    @Test
    @DisplayName("§6/RFC 1877: a client that asks for DNS gets the configured server by Nak")
    void dnsByNak() throws Exception {
        try (TunnelClient client = TunnelClient.open(fixture.emulator(), "alice", "secret", true, b -> b.requestDns(true))) {
            assertEquals(java.util.List.of(IpAddress.parse("198.18.0.53")), client.awaitUp().dnsServers());
        }
    }

    @Test
    @DisplayName("§9 step 7: ping 198.18.0.10 and query DNS through the tunnel")
    void pingAndDnsThroughTunnel() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.send(Packets.icmpEcho(client.address(), INTRANET, 0x77, 1, 56));
            byte[] reply = client.receive(Duration.ofSeconds(5));
            assertNotNull(reply);
            assertEquals(INTRANET, Packets.source(reply));
            assertEquals(0, reply[20]);
            assertTrue(Packets.checksumsOk(reply));

            client.send(Packets.dnsQuery(client.address(), IpAddress.parse("198.18.0.53"), "intranet.corp.example.",
                    Type.A, 4242));
            byte[] answer = client.receive(Duration.ofSeconds(5));
            Message message = Packets.dnsAnswer(answer);
            assertEquals(Rcode.NOERROR, message.getRcode());
            assertEquals("intranet.corp.example. A 198.18.0.10;", Packets.answers(message));
        }
    }

    @Test
    @DisplayName("§7: a client Terminate-Request is acked, the server waits for the client's close, then close_notify (quirk 8)")
    void clientTerminate() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.terminate("client bye");
            assertEquals(PppEndpoint.LinkDownReason.LOCAL_TERMINATE, client.awaitDown().reason());
            // A retransmitted Terminate-Request is acked again: the server kept the connection open after its Ack.
            client.writeRaw(new byte[] {0x00, 0x0c, 0x50, 0x50, 0x00, 0x06, (byte) 0xc0, 0x21, 0x05, 0x63, 0x00, 0x04});
            awaitControlFrame(client, new byte[] {(byte) 0xc0, 0x21, 0x06, 0x63});
            assertFalse(client.ended(), "the server must wait for the client to close");
            client.shutdownOutput();
            assertNull(client.awaitEnded(), "a clean close_notify, not a reset");
        }
    }

    static void awaitControlFrame(TunnelClient client, byte[] prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (byte[] frame : client.controlFrames()) {
                if (frame.length >= prefix.length && java.util.Arrays.equals(frame, 0, prefix.length, prefix, 0, prefix.length)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no control frame starting with " + java.util.HexFormat.of().formatHex(prefix));
    }

    @Test
    @DisplayName("§7: hook terminateTunnels sends a Terminate-Request with the reason text")
    void serverTerminate() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().terminateTunnels("maintenance");
            TunnelClient.Down down = client.awaitDown();
            assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, down.reason());
            assertEquals("maintenance", down.detail());
            client.awaitEnded();
        }
    }

    @Test
    @DisplayName("§12: packets to the sink address are counted and discarded")
    void sink() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            long before = fixture.emulator().stats().sinkPackets();
            byte[] packet = Packets.udp(client.address(), 9, IpAddress.parse("198.18.255.253"), 9, new byte[100]);
            for (int i = 0; i < 10; i++) {
                client.send(packet);
            }
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 1, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)), "ordering: the ping after the sink packets came back");
            assertEquals(before + 10, fixture.emulator().stats().sinkPackets());
        }
    }

    @Test
    @DisplayName("§5/quirk 7: frames up to 64 KiB: a 60000-byte ping crosses both ways")
    void largeFrames() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.send(Packets.icmpEcho(client.address(), INTRANET, 5, 5, 60_000));
            byte[] reply = client.receive(Duration.ofSeconds(5));
            assertEquals(60_028, reply.length);
            assertTrue(Packets.checksumsOk(reply));
        }
    }

    @Test
    @DisplayName("§12: a frame with a bad magic from the client closes the connection and is counted")
    void malformedFrameFromClient() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            long before = fixture.emulator().stats().malformedFrames();
            client.writeRaw(new byte[] {0x00, 0x0a, 0x12, 0x34, 0x00, 0x04, 0x00, 0x21, 0x45, 0x00});
            client.awaitEnded();
            assertTrue(fixture.emulator().stats().malformedFrames() > before);
        }
    }

    @Test
    @DisplayName("§6/quirk 9: IPv6 data while IPv6CP is off is dropped and counted")
    void ipv6DroppedWhenOff() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            long before = fixture.emulator().stats().ipv6Dropped();
            client.send(Packets.icmpEcho(IpAddress.parse("2001:db8:1::5"), IpAddress.parse("2001:db8:c0::10"), 1, 1, 8));
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 1, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)));
            assertEquals(before + 1, fixture.emulator().stats().ipv6Dropped());
        }
    }

    @Test
    @DisplayName("§5/RFC 1661 §6.5: data frames with a compressed 1-byte protocol field, with and without ff 03")
    void compressedProtocolField() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            for (boolean addressControl : new boolean[] {false, true}) {
                byte[] ping = Packets.icmpEcho(client.address(), INTRANET, 8, addressControl ? 2 : 1, 8);
                int prefix = addressControl ? 3 : 1;
                byte[] frame = new byte[6 + prefix + ping.length];
                dev.quetzal.fortivpn.ppp.FortiFrame.writeHeader(frame, 0, prefix + ping.length);
                if (addressControl) {
                    frame[6] = (byte) 0xff;
                    frame[7] = 0x03;
                }
                frame[6 + prefix - 1] = 0x21;
                System.arraycopy(ping, 0, frame, 6 + prefix, ping.length);
                client.writeRaw(frame);
                byte[] reply = client.receive(Duration.ofSeconds(5));
                assertNotNull(reply);
                assertEquals(addressControl ? 2 : 1, IpPackets.getShort(reply, 26));
            }
        }
    }

    @Test
    @DisplayName("§4: GET /remote/sslvpn-tunnel with a bad cookie gets 403")
    void badCookieRefused() throws Exception {
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            RawResponse response = client.get("/remote/sslvpn-tunnel", "bogus");
            assertEquals(403, response.status());
        }
    }

    @Test
    @DisplayName("§7: packets counted both ways")
    void counters() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            long from = fixture.emulator().stats().packetsFromClients();
            long to = fixture.emulator().stats().packetsToClients();
            client.send(Packets.icmpEcho(client.address(), INTRANET, 2, 2, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)));
            assertTrue(fixture.emulator().stats().packetsFromClients() >= from + 1);
            // The answer is counted just after it is queued; the writer may deliver it before that.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fixture.emulator().stats().packetsToClients() < to + 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(fixture.emulator().stats().packetsToClients() >= to + 1);
            assertTrue(fixture.emulator().stats().bytesToClients() >= 36);
        }
    }

    @Test
    @DisplayName("ICMP from the client to an unanswered corporate address gets nothing back")
    void unansweredAddress() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.send(Packets.icmpEcho(client.address(), IpAddress.parse("198.18.9.9"), 3, 3, 8));
            client.send(Packets.icmpEcho(client.address(), INTRANET, 3, 4, 8));
            byte[] reply = client.receive(Duration.ofSeconds(5));
            assertEquals(4, IpPackets.getShort(reply, 26), "only the answered ping came back");
        }
    }
}
