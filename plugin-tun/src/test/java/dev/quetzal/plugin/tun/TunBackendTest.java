package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.packet.PacketBuffer;
import com.sun.security.auth.module.UnixSystem;
import dev.quetzal.tun.WithoutNetAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend without a device (no root needed): the Backend contract of gateway-api (send takes
 * ownership and never throws, close is idempotent and tolerates an unstarted component) and the
 * error when the device cannot be opened for want of CAP_NET_ADMIN (tuntap.rst: TUNSETIFF needs it).
 */
@Timeout(30)
final class TunBackendTest {
    private static final TunConfig DEFAULTS = new TunConfig(null, null, null, null, null, null, null);

    /** A pooled buffer with an IPv4 header's first bytes; enough for a send that must drop it. */
    private static PacketBuffer packet(TestBackendContext context) {
        PacketBuffer packet = context.pool.acquire();
        packet.append(new byte[] {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, (byte) 198, 18, (byte) 211, 2,
            (byte) 198, 18, (byte) 210, 1}, 0, 20);
        return packet;
    }

    @Test
    @DisplayName("send before start drops as not-running and returns the buffer to the pool")
    void sendBeforeStartDrops() {
        TestBackendContext context = new TestBackendContext();
        TunBackend backend = new TunBackend(DEFAULTS, context, command -> new LinkSetup.Result(0, ""));
        int available = context.pool.available();
        backend.send(packet(context));
        backend.send(packet(context));
        assertEquals(available, context.pool.available());
        assertEquals(2, context.counter(TunCounters.DROPPED, "direction", "outbound", "reason", "not-running"));
        assertEquals(0, context.counter(TunCounters.PACKETS, "direction", "outbound"));
        assertEquals(new BackendState.Disconnected("not started"), backend.state());
    }

    @Test
    @DisplayName("close without start: idempotent, publishes nothing, withdraws no routes")
    void closeWithoutStart() {
        TestBackendContext context = new TestBackendContext();
        TunBackend backend = new TunBackend(DEFAULTS, context, command -> new LinkSetup.Result(0, ""));
        backend.close();
        backend.close();
        assertEquals(List.of(), context.states);
        assertEquals(List.of(), context.routePublications);
        backend.send(packet(context));
        assertEquals(1, context.counter(TunCounters.DROPPED, "direction", "outbound", "reason", "not-running"));
    }

    @Test
    @DisplayName("status before start: the configured device, closed, zero counters by direction and reason")
    void statusBeforeStart() {
        TunBackend backend = new TunBackend(DEFAULTS, new TestBackendContext(), command -> new LinkSetup.Result(0, ""));
        Map<String, Object> status = backend.status();
        assertEquals("quetzal%d", status.get("device"));
        assertEquals(false, status.get("open"));
        assertEquals(false, status.get("configure"));
        assertEquals(1400, status.get("mtu"));
        assertEquals(0L, status.get("outboundPackets"));
        assertEquals(0L, status.get("inboundBytes"));
        assertEquals(Map.of("not-running", 0L, "refused", 0L, "write-error", 0L, "oversized", 0L),
                status.get("dropped"));
    }

    @Test
    @DisplayName("tuntap.rst: without CAP_NET_ADMIN start fails with a message naming it; state Disconnected")
    void startWithoutNetAdminNamesTheCapability() throws Exception {
        assumeLinux();
        TestBackendContext context = new TestBackendContext();
        TunConfig config = new TunConfig("qzpt-denied0", null, null, null, null, null, null);
        TunBackend backend = new TunBackend(config, context, command -> {
            throw new AssertionError("ip must not run when the device did not open");
        });
        IOException e = withoutNetAdmin(() -> assertThrows(IOException.class, backend::start));
        assertEquals("tun backend tun: cannot create TUN device qzpt-denied0 (ioctl TUNSETIFF on /dev/net/tun):"
                + " Operation not permitted (needs CAP_NET_ADMIN)", e.getMessage());
        assertEquals(new BackendState.Connecting(1), context.states.getFirst());
        BackendState last = context.states.getLast();
        assertEquals(new BackendState.Disconnected(e.getMessage()), last);
        assertFalse(last.isConnected());
        backend.close();
        assertInstanceOf(BackendState.Disconnected.class, backend.state());
        assertEquals(2, context.states.size(), "close after a failed start publishes nothing more");
    }

    private static void assumeLinux() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux") && Files.exists(Path.of("/dev/net/tun")),
                "skipped: TUN devices exist on Linux with /dev/net/tun only");
    }

    /** As root, on a thread that dropped CAP_NET_ADMIN; otherwise the test runs unprivileged already. */
    private static <T> T withoutNetAdmin(Callable<T> task) throws Exception {
        return new UnixSystem().getUid() == 0 ? WithoutNetAdmin.call(task, Duration.ofSeconds(10)) : task.call();
    }

    @Test
    @DisplayName("the factory declares type tun and its config record")
    void factory() {
        TunBackendFactory factory = new TunBackendFactory();
        assertEquals("tun", factory.type());
        assertEquals(TunConfig.class, factory.configType());
        assertTrue(factory.description().contains("CAP_NET_ADMIN"));
        assertInstanceOf(TunBackendFactory.class, new TunPlugin().backendFactories().getFirst());
    }
}
