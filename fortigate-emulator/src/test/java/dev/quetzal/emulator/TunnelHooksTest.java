package dev.quetzal.emulator;

import static dev.quetzal.emulator.TunnelTest.awaitControlFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.TunnelClient;
import dev.quetzal.fortivpn.ppp.FramingException;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every EmulatorHooks switch against a live tunnel (fortivpn-protocol.md §11 quirks, §12 "Test hooks"). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class TunnelHooksTest {
    private static final IpAddress INTRANET = IpAddress.parse("198.18.0.10");

    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.startedWith(EmulatorFixture.alice());

    @Test
    @DisplayName("cutTunnelsNow resets the TCP connection: no PPP Terminate, no close_notify")
    void cutNow() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().cutTunnelsNow();
            assertInstanceOf(IOException.class, client.awaitEnded());
        }
    }

    @Test
    @DisplayName("cutTunnelsAfterBytes counts bytes both ways after the tunnel request, then resets")
    void cutAfterBytes() throws Exception {
        fixture.emulator().hooks().cutTunnelsAfterBytes(3000);
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            IOException writeReset = null;
            for (int i = 0; i < 20 && !client.ended(); i++) {
                try {
                    client.send(Packets.icmpEcho(client.address(), INTRANET, 1, i, 400));
                } catch (IOException reset) {
                    writeReset = reset; // the cut can land between our check and our write
                    break;
                }
                client.receive(Duration.ofSeconds(1));
            }
            Throwable ended = client.awaitEnded();
            // The kernel reports a reset once: when our write took it, the reader then sees end of stream.
            assertInstanceOf(IOException.class, writeReset != null && ended == null ? writeReset : ended);
        }
    }

    @Test
    @DisplayName("cutTunnelsAfter resets a tunnel once it is that old")
    void cutAfterAge() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().cutTunnelsAfter(Duration.ofMillis(100));
            assertInstanceOf(IOException.class, client.awaitEnded());
        }
    }

    @Test
    @DisplayName("answerEchoes: echoes answered normally; switched off, the client's dead-peer detection fires (§7 DPD)")
    void answerEchoes() throws Exception {
        try (TunnelClient client = TunnelClient.open(fixture.emulator(), "alice", "secret", true,
                b -> b.echo(Duration.ofMillis(200), 2))) {
            client.awaitUp();
            awaitControlFrame(client, new byte[] {(byte) 0xc0, 0x21, 0x0a}); // an Echo-Reply
            fixture.emulator().hooks().answerEchoes(false);
            assertEquals(PppEndpoint.LinkDownReason.PEER_DEAD, client.awaitDown().reason());
        }
    }

    @Test
    @DisplayName("refuseTunnel answers the tunnel request with 403 (§4)")
    void refuseTunnel() throws Exception {
        fixture.emulator().hooks().refuseTunnel(true);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String cookie = client.login("alice", "secret");
            assertEquals(403, client.get("/remote/sslvpn-tunnel", cookie).status());
            assertEquals(1, fixture.emulator().stats().tunnelsRefused());
        }
    }

    @Test
    @DisplayName("sendMalformedFrame: a bad magic on the stream; the client's decoder must give up (§5)")
    void malformedFrame() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().sendMalformedFrame();
            assertInstanceOf(FramingException.class, client.awaitEnded());
        }
    }

    @Test
    @DisplayName("sendAddressControl: the server's frames start with ff 03, and data still flows (§5, quirk 5)")
    void addressControl() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().sendAddressControl(true);
            // An LCP Echo-Request (id 7, magic 0x1d2c3b4a) written by hand; its reply shows the framing.
            client.writeRaw(new byte[] {0x00, 0x10, 0x50, 0x50, 0x00, 0x0a, (byte) 0xc0, 0x21, 0x09, 0x07, 0x00, 0x08,
                0x1d, 0x2c, 0x3b, 0x4a});
            awaitControlFrame(client, new byte[] {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 0x0a, 0x07});
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 1, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)));
        }
    }

    @Test
    @DisplayName("pingClient: server pings through the tunnel, one reply counted per ping (§12)")
    void pingClient() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            assertEquals(3, fixture.emulator().hooks().pingClient(client.address(), 3));
            long unroutable = fixture.emulator().stats().unroutablePackets();
            assertEquals(0, fixture.emulator().hooks().pingClient(IpAddress.parse("198.18.1.200"), 1));
            // A corporate reply to an address without a tunnel is counted and dropped.
            client.send(Packets.icmpEcho(IpAddress.parse("198.18.1.201"), INTRANET, 1, 1, 8));
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 2, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)));
            assertEquals(unroutable + 1, fixture.emulator().stats().unroutablePackets());
        }
    }

    @Test
    @DisplayName("generateToClients: UDP packets from a corporate address reach the client, all of them")
    void generate() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.countUdpOnly();
            assertEquals(5000, fixture.emulator().hooks().generateToClients(200, 5000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.udpReceived() < 5000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(5000, client.udpReceived());
        }
    }

    @Test
    @DisplayName("expireSession: the tunnel gets Terminate-Request 'session timeout', then the cookie gets 403")
    void expireSession() throws Exception {
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            assertTrue(fixture.emulator().hooks().expireSession(client.cookie()));
            TunnelClient.Down down = client.awaitDown();
            assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, down.reason());
            assertEquals("session timeout", down.detail());
            try (PortalClient http = new PortalClient(fixture.emulator())) {
                assertEquals(403, http.get("/remote/fortisslvpn_xml", client.cookie()).status());
                assertEquals(403, http.get("/remote/sslvpn-tunnel", client.cookie()).status());
            }
        }
    }

    @Test
    @DisplayName("expireAllSessions ends every session")
    void expireAll() throws Exception {
        try (TunnelClient a = TunnelClient.connect(fixture.emulator(), "alice", "secret");
                TunnelClient b = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            assertEquals(2, fixture.emulator().hooks().expireAllSessions());
            assertEquals("session timeout", a.awaitDown().detail());
            assertEquals("session timeout", b.awaitDown().detail());
            assertTrue(fixture.emulator().sessions().isEmpty());
        }
    }

    @Test
    @DisplayName("reset() restores normal behaviour")
    void reset() throws Exception {
        fixture.emulator().hooks().refuseTunnel(true);
        fixture.emulator().hooks().answerEchoes(false);
        fixture.emulator().hooks().reset();
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 1, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)));
        }
    }
}
