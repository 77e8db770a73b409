package dev.quetzal.emulator.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.TestPackets;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TUN corporate network's own contract (CorporateNetwork: malformed packets counted and
 * dropped, close idempotent and silent); the packets it carries are checked by
 * {@link TunCorporateNetworkInteropTest}. Tests that open a device need root (see LinuxRoot).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class TunCorporateNetworkTest {
    private static final byte[] ECHO = TestPackets.echoRequest("198.18.1.5", "198.18.0.1", 1, 1, new byte[4]);

    private TunCorporateNetwork network;

    @AfterEach
    void close() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @DisplayName("RFC 791 §3.1: a packet that is not IPv4 or IPv6 is counted as malformed, never thrown")
    void malformedPacketsAreCountedAndDropped() {
        network = new TunCorporateNetwork("qze%d");
        network.fromClient(new byte[] {0x25, 0, 0}, 0, 3);
        network.fromClient(ECHO, 0, ECHO.length - 1);
        network.fromClient(ECHO, 10, ECHO.length);
        assertEquals(new TunNetworkCounters(0, 0, 3, 0, 0), network.counters());
    }

    @Test
    void packetsBeforeStartAreFailedWrites() {
        network = new TunCorporateNetwork("qze%d");
        network.fromClient(ECHO, 0, ECHO.length);
        assertEquals(new TunNetworkCounters(0, 0, 0, 1, 0), network.counters());
    }

    @Test
    void closeBeforeStartIsQuietAndFinal() {
        network = new TunCorporateNetwork("qze%d");
        network.close();
        network.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> network.start((p, o, l) -> { }));
        assertEquals("TUN corporate network qze%d is closed", e.getMessage());
    }

    @Test
    @DisplayName("start opens the device under the kernel's name; a second start is refused; close deletes it")
    void startOpensTheDeviceAndCloseDeletesIt() throws IOException {
        LinuxRoot.assumeRoot();
        network = new TunCorporateNetwork("qze%d");
        network.start((p, o, l) -> { });
        String name = network.deviceName();
        assertTrue(name.matches("qze[0-9]+"), name);
        Commands.run("ip", "link", "show", "dev", name);
        assertThrows(IllegalStateException.class, () -> network.start((p, o, l) -> { }));

        network.close();
        network.close();
        Commands.Result gone = Commands.runAllowingFailure(Duration.ofSeconds(10), List.of("ip", "link", "show", "dev", name));
        assertNotEquals(0, gone.exitCode(), gone.output());
        network.fromClient(ECHO, 0, ECHO.length);
        assertEquals(1, network.counters().failedWrites());
    }
}
