package dev.quetzal.plugin.fortivpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.config.Ipv6Settings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.runtime.service.DefaultScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend against the in-process emulator with real threads and timers: connect, carry pings to
 * 198.18.0.10 (the emulator's corporate network), publish routes, and survive each way a tunnel can
 * end (protocol notes §3-§7): cut connection, dead peer, server Terminate, bad XML, bad frame, expired
 * session, refused tunnel; then close with Terminate and logout.
 */
@Timeout(60)
final class FortiVpnBackendTest {
    static final IpAddress INTRANET = IpAddress.parse("198.18.0.10");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private final DefaultScheduler scheduler = new DefaultScheduler();
    private final TestBackendContext context = new TestBackendContext(TimeSource.SYSTEM, scheduler);
    private final BackendFixture fixture = new BackendFixture();
    private int sequence;

    @AfterEach
    void stop() {
        fixture.close();
        scheduler.close();
    }

    private void startEmulator(TunnelSettings tunnel) throws Exception {
        fixture.startEmulator(BackendFixture.alice().tunnel(tunnel));
    }

    private UplinkInfo connect(String extraFields) throws Exception {
        fixture.createBackend(folder,
                "\"username\": \"alice\", \"password\": \"secret\"" + extraFields, context).start();
        return context.awaitConnected(0, WAIT).uplink();
    }

    private void send(byte[] packet) {
        PacketBuffer buffer = context.pool.acquire();
        buffer.append(packet, 0, packet.length);
        fixture.backend().send(buffer);
    }

    /** Sends an echo request from our address and waits (bounded) for the reply from {@code to}. */
    private boolean ping(IpAddress from, IpAddress to, Duration wait) throws Exception {
        int seq = ++sequence;
        send(Pings.echo(from, to, 0x5157, seq));
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            byte[] packet = context.fromNetwork.poll(left, TimeUnit.NANOSECONDS);
            if (packet != null && Pings.isReply(packet, to, seq)) {
                return true;
            }
        }
    }

    private static TunnelSettings.Builder tunnel() {
        return TunnelSettings.builder();
    }

    @DisplayName("notes §3, §9: Connected with the XML address, DNS, suffix and routes; pings flow; status has no secret")
    @Test
    void connectsAndPings() throws Exception {
        startEmulator(tunnel().splitInclude(List.of(IpPrefix.parse("198.18.0.0/24")))
                .splitExclude(List.of(IpPrefix.parse("198.18.0.128/25"))).build());
        UplinkInfo uplink = connect("");
        IpAddress address = uplink.addresses().getFirst();
        assertEquals(fixture.emulator().sessions().getFirst().assignedAddress(), address);
        assertEquals(List.of(IpAddress.parse("198.18.0.53")), uplink.dnsServers());
        assertEquals(List.of("corp.example"), uplink.dnsSuffixes());
        List<Route> routes = List.of(Route.include(IpPrefix.parse("198.18.0.0/24"), "fortivpn"),
                Route.exclude(IpPrefix.parse("198.18.0.128/25"), "fortivpn"));
        assertEquals(routes, uplink.routes());
        assertEquals(routes, context.routes.get("fortivpn"));
        assertEquals(1400, uplink.mtu());
        assertTrue(ping(address, INTRANET, WAIT));
        assertTrue(ping(address, INTRANET, WAIT));
        Map<String, Object> status = fixture.backend().status();
        assertEquals("connected", status.get("state"));
        assertEquals("alice", status.get("user"));
        assertEquals(2, status.get("routes"));
        assertTrue(((String) status.get("ppp")).contains("IPCP"), status.toString());
        assertTrue((Long) status.get("packetsOut") >= 2 && (Long) status.get("packetsIn") >= 2, status.toString());
        assertFalse(status.toString().contains("secret"));
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("close: LCP Terminate, then GET /remote/logout on a new connection, routes withdrawn, Disconnected(stopped)")
    @Test
    void closeTerminatesAndLogsOut() throws Exception {
        startEmulator(tunnel().splitInclude(List.of(IpPrefix.parse("198.18.0.0/24"))).build());
        connect("");
        fixture.backend().close();
        assertEquals(new BackendState.Disconnected("stopped"), fixture.backend().state());
        assertEquals(1, fixture.emulator().stats().logouts());
        assertEquals(List.of(), context.routes.get("fortivpn"));
        assertTrue(fixture.emulator().sessions().isEmpty(), fixture.emulator().sessions().toString());
    }

    @DisplayName("notes §7 reconnect: a cut connection comes back with the same cookie, no new login; traffic within 5 s")
    @Test
    void cutConnectionReusesCookie() throws Exception {
        startEmulator(tunnel().build());
        IpAddress address = connect("").addresses().getFirst();
        int mark = context.states.size();
        fixture.emulator().hooks().cutTunnelsNow();
        context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        context.awaitConnected(mark, WAIT);
        assertTrue(ping(address, INTRANET, Duration.ofSeconds(5)));
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
        assertEquals(1, fixture.emulator().stats().reconnects());
        assertEquals(1L, fixture.backend().status().get("cookieReuses"));
    }

    @DisplayName("notes §7 reconnect: the byte-count cut hook too; packets sent while down are flushed after")
    @Test
    void cutAfterBytesAndQueueFlush() throws Exception {
        startEmulator(tunnel().build());
        IpAddress address = connect("").addresses().getFirst();
        int mark = context.states.size();
        fixture.emulator().hooks().cutTunnelsAfterBytes(1);
        // The echo request is the traffic that trips the cut: its reply never comes on this tunnel.
        send(Pings.echo(address, INTRANET, 0x5157, 999));
        context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        fixture.emulator().hooks().cutTunnelsAfterBytes(0);
        // Queued while down, sent once the tunnel is back.
        assertTrue(ping(address, INTRANET, Duration.ofSeconds(5)));
        assertEquals(1, fixture.emulator().stats().reconnects());
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("notes §7 DPD: unanswered echoes (short heartbeat) are a dead peer; it reconnects when echoes return")
    @Test
    void echoTimeout() throws Exception {
        startEmulator(tunnel().heartbeatInterval(Duration.ofSeconds(1)).build());
        connect(", \"echo\": {\"failures\": 1}");
        int mark = context.states.size();
        fixture.emulator().hooks().answerEchoes(false);
        BackendState down = context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        assertTrue(((BackendState.Disconnected) down).reason().contains("stopped answering LCP echoes"), down.toString());
        fixture.emulator().hooks().answerEchoes(true);
        context.awaitConnected(mark, WAIT);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("notes §7: the server's Terminate-Request (with its reason) is acked, and the backend reconnects")
    @Test
    void serverTerminate() throws Exception {
        startEmulator(tunnel().build());
        connect("");
        int mark = context.states.size();
        fixture.emulator().hooks().terminateTunnels("administrator reset");
        BackendState down = context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        assertTrue(((BackendState.Disconnected) down).reason().contains("administrator reset"), down.toString());
        context.awaitConnected(mark, WAIT);
    }

    @DisplayName("notes §3: a malformed XML config is a clear error, no crash, and the next attempt succeeds")
    @Test
    void malformedXml() throws Exception {
        startEmulator(tunnel().build());
        fixture.emulator().hooks().malformedXml(true);
        fixture.createBackend(folder, "\"username\": \"alice\", \"password\": \"secret\"", context).start();
        int down = context.awaitIndex(0, s -> s instanceof BackendState.Disconnected d
                && d.reason().startsWith("malformed XML config"), WAIT);
        fixture.emulator().hooks().malformedXml(false);
        context.awaitConnected(down, WAIT);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("notes §5: a frame with a bad magic drops the tunnel (counted), the backend reconnects")
    @Test
    void malformedFrame() throws Exception {
        startEmulator(tunnel().build());
        IpAddress address = connect("").addresses().getFirst();
        int mark = context.states.size();
        fixture.emulator().hooks().sendMalformedFrame();
        BackendState down = context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        assertTrue(((BackendState.Disconnected) down).reason().startsWith("malformed frames from the FortiGate"), down.toString());
        context.awaitConnected(mark, WAIT);
        assertTrue(ping(address, INTRANET, WAIT));
        assertEquals(1, context.counter("quetzal_fortivpn_dropped_packets_total", "direction", "in", "reason", "malformed"));
    }

    @DisplayName("notes §3: an expired session (Terminate \"session timeout\", then 403 on the XML) leads to a new login")
    @Test
    void expiredSessionLogsInAgain() throws Exception {
        startEmulator(tunnel().build());
        connect("");
        int mark = context.states.size();
        fixture.emulator().hooks().expireAllSessions();
        context.awaitState(mark, s -> s instanceof BackendState.Disconnected, WAIT);
        UplinkInfo again = context.awaitConnected(mark, WAIT).uplink();
        assertEquals(2, fixture.emulator().stats().loginsSucceeded());
        assertTrue(ping(again.addresses().getFirst(), INTRANET, WAIT));
    }

    @DisplayName("notes §4: a refused tunnel (403) is a clear error with the status line; no new login; it recovers")
    @Test
    void refusedTunnel() throws Exception {
        startEmulator(tunnel().build());
        fixture.emulator().hooks().refuseTunnel(true);
        fixture.createBackend(folder, "\"username\": \"alice\", \"password\": \"secret\"", context).start();
        int down = context.awaitIndex(0, s -> s instanceof BackendState.Disconnected d
                && d.reason().startsWith("the FortiGate refused the tunnel: HTTP/1.1 403"), WAIT);
        fixture.emulator().hooks().refuseTunnel(false);
        context.awaitConnected(down, WAIT);
        assertEquals(1, fixture.emulator().stats().loginsSucceeded());
    }

    @DisplayName("connect on-demand: nothing until the first packet, which is queued and delivered once up")
    @Test
    void onDemand() throws Exception {
        startEmulator(tunnel().build());
        fixture.createBackend(folder,
                "\"username\": \"alice\", \"password\": \"secret\", \"connect\": \"on-demand\"", context).start();
        assertTrue(fixture.backend().state() instanceof BackendState.Disconnected d && d.reason().contains("on-demand"));
        assertEquals(0, fixture.emulator().stats().requests("/remote/logincheck"));
        // The pool's first address is what the emulator will assign to the first session.
        IpAddress first = IpAddress.parse("198.18.1.1");
        assertTrue(ping(first, INTRANET, WAIT));
        assertEquals(first, fixture.emulator().sessions().getFirst().assignedAddress());
    }

    @DisplayName("notes §6: with IPv6 in the XML, IPv6CP opens, the address is reported and ICMPv6 echo flows")
    @Test
    void ipv6() throws Exception {
        startEmulator(tunnel().ipv6(Ipv6Settings.enabledDefaults()).build());
        UplinkInfo uplink = connect("");
        IpAddress v6 = uplink.addresses().stream().filter(a -> a.family() == dev.quetzal.api.net.IpFamily.IPV6)
                .findFirst().orElseThrow(() -> new AssertionError(uplink.toString()));
        assertTrue(IpPrefix.parse("2001:db8:1::/64").contains(v6), v6.toString());
        assertTrue(ping(v6, IpAddress.parse("2001:db8:c0::10"), WAIT));
    }

    @DisplayName("TLS: a pin mismatch keeps the backend Disconnected with the server's real pin in the reason")
    @Test
    void pinMismatch() throws Exception {
        startEmulator(tunnel().build());
        String json = fixture.config(folder, "\"username\": \"alice\", \"password\": \"secret\"")
                .toString();
        assertFalse(json.contains("secret\""));
        FortiVpnConfig wrongPin = new FortiVpnConfig(Emulators.server(fixture.emulator()), null, "alice", Emulators.secret("secret"),
                null, null, null, null, null,
                new FortiVpnConfig.Tls(null, List.of("pin-sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), false, null),
                null, null, null, null, null);
        fixture.use(new FortiVpnFactory().create(wrongPin, context));
        fixture.backend().start();
        BackendState down = context.awaitState(0, s -> s instanceof BackendState.Disconnected d
                && d.reason().startsWith("server certificate not trusted"), WAIT);
        assertTrue(((BackendState.Disconnected) down).reason().contains("its pin is " + fixture.emulator().certificatePin()), down.toString());
        assertEquals(0, fixture.emulator().stats().requests("/remote/logincheck"));
    }
}
