package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.config.Ipv6Settings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.testing.ManualTime;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.TunnelClient;
import dev.quetzal.fortivpn.ppp.NetworkParameters;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions and tunnels over time: reconnects, expiry, logout, IPv6, MRU, shutdown (fortivpn-protocol.md §6, §7). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class SessionLifecycleTest {
    private static final IpAddress INTRANET = IpAddress.parse("198.18.0.10");

    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.onDemand();

    private FortiGateEmulator start(EmulatorConfig.Builder builder) throws Exception {
        return fixture.start(builder.user("alice", "secret"));
    }

    @Test
    @DisplayName("§7: after a drop the same cookie opens a new tunnel (tun-connect-without-reauth), counted as a reconnect")
    void reconnectAfterDrop() throws Exception {
        start(EmulatorConfig.builder());
        try (TunnelClient first = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().cutTunnelsNow();
            first.awaitEnded();
            try (TunnelClient second = TunnelClient.reopen(fixture.emulator(), first.cookie())) {
                second.awaitUp();
                assertEquals(first.address(), second.address(), "the session keeps its address");
                assertEquals(1, fixture.emulator().stats().reconnects());
                assertEquals(2, fixture.emulator().stats().tunnelsOpened());
            }
        }
    }

    @Test
    @DisplayName("§7: a second tunnel of the same session replaces the first (the reconnect wins)")
    void reconnectWins() throws Exception {
        start(EmulatorConfig.builder());
        try (TunnelClient first = TunnelClient.connect(fixture.emulator(), "alice", "secret");
                TunnelClient second = TunnelClient.reopen(fixture.emulator(), first.cookie())) {
            second.awaitUp();
            assertInstanceOf(IOException.class, first.awaitEnded());
            second.awaitServerUp(fixture.emulator());
            second.send(Packets.icmpEcho(second.address(), INTRANET, 1, 1, 8));
            assertNotNull(second.receive(Duration.ofSeconds(5)));
        }
    }

    @Test
    @DisplayName("§7: with tun-connect-without-reauth off, a cookie opens one tunnel only")
    void noReconnectWithoutReauth() throws Exception {
        start(EmulatorConfig.builder().tunnel(TunnelSettings.builder().tunConnectWithoutReauth(false).build()));
        try (TunnelClient first = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().hooks().cutTunnelsNow();
            first.awaitEnded();
            try (PortalClient http = new PortalClient(fixture.emulator())) {
                assertEquals(403, http.get("/remote/sslvpn-tunnel", first.cookie()).status());
            }
        }
    }

    @Test
    @DisplayName("§7: a session expires after its lifetime (clock driven by hand): Terminate 'session timeout', then 403")
    void lifetimeExpiry() throws Exception {
        ManualTime time = new ManualTime();
        start(EmulatorConfig.builder().timeSource(time)
                .tunnel(TunnelSettings.builder().sessionLifetime(Duration.ofHours(1)).build()));
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            time.advance(Duration.ofMinutes(59));
            client.send(Packets.icmpEcho(client.address(), INTRANET, 1, 1, 8));
            assertNotNull(client.receive(Duration.ofSeconds(5)), "still alive before the lifetime ends");
            time.advance(Duration.ofMinutes(1));
            TunnelClient.Down down = client.awaitDown();
            assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, down.reason());
            assertEquals("session timeout", down.detail());
            try (PortalClient http = new PortalClient(fixture.emulator())) {
                assertEquals(403, http.get("/remote/fortisslvpn_xml", client.cookie()).status());
            }
        }
    }

    @Test
    @DisplayName("§7: logout ends the session; a tunnel still up gets a Terminate-Request")
    void logoutWithTunnelUp() throws Exception {
        start(EmulatorConfig.builder());
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret");
                PortalClient http = new PortalClient(fixture.emulator())) {
            assertEquals(200, http.get("/remote/logout", client.cookie()).status());
            assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, client.awaitDown().reason());
            assertEquals(1, fixture.emulator().stats().logouts());
        }
    }

    @Test
    @DisplayName("§6: IPv6CP opens when IPv6 is configured; ICMPv6 echo crosses; the server pings the IPv6 address")
    void ipv6Tunnel() throws Exception {
        start(EmulatorConfig.builder().tunnel(TunnelSettings.builder().ipv6(Ipv6Settings.enabledDefaults()).build()));
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            NetworkParameters parameters = client.awaitUp();
            assertTrue(parameters.ipv6());
            Ipv6Address address6 = new Ipv6Address(Ipv6Settings.DEFAULT_PREFIX.address() instanceof Ipv6Address p
                    ? p.high() : 0, parameters.localInterfaceId());
            client.send(Packets.icmpEcho(address6, IpAddress.parse("2001:db8:c0::10"), 6, 1, 16));
            byte[] reply = client.receive(Duration.ofSeconds(5));
            assertNotNull(reply);
            assertEquals(address6, Packets.destination(reply));
            assertTrue(Packets.checksumsOk(reply));
            assertEquals(2, fixture.emulator().hooks().pingClient(address6, 2));
        }
    }

    @Test
    @DisplayName("§6: server MRU: the server requests it in LCP and the client adopts it")
    void serverMru() throws Exception {
        start(EmulatorConfig.builder().tunnel(TunnelSettings.builder().serverMru(1400).build()));
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            assertEquals(1400, client.awaitUp().peerMru());
        }
    }

    @Test
    @DisplayName("§7: close() sends Terminate-Request 'server shutdown' to every tunnel")
    void closeTerminatesTunnels() throws Exception {
        start(EmulatorConfig.builder());
        try (TunnelClient client = TunnelClient.connect(fixture.emulator(), "alice", "secret")) {
            fixture.emulator().close();
            TunnelClient.Down down = client.awaitDown();
            assertEquals(PppEndpoint.LinkDownReason.PEER_TERMINATE, down.reason());
            assertEquals("server shutdown", down.detail());
            client.awaitEnded();
        }
    }
}
