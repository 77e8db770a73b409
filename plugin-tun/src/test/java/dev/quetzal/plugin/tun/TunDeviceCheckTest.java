package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.diagnostic.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quetzal doctor} for the tun backend, on a stand-in for /dev/net/tun (issue 9, TUN device access). */
final class TunDeviceCheckTest {
    @TempDir
    Path dir;

    @DisplayName("no clone device: fail with modprobe and the container flag (issue 9, TUN device access)")
    @Test
    void missingDevice() {
        Finding finding = TunDeviceCheck.check(dir.resolve("tun"), true).getFirst();
        assertEquals(Finding.Severity.FAIL, finding.severity());
        assertEquals(dir.resolve("tun") + " does not exist", finding.found());
        assertTrue(finding.fix().contains("modprobe tun") && finding.fix().contains("--device /dev/net/tun"), finding.fix());
    }

    @DisplayName("without CAP_NET_ADMIN: fail with AmbientCapabilities and setcap (issue 9, TUN device access)")
    @Test
    void withoutNetAdmin() throws Exception {
        Path device = Files.createFile(dir.resolve("tun"));
        Finding finding = TunDeviceCheck.check(device, false).getFirst();
        assertEquals(Finding.Severity.FAIL, finding.severity());
        assertTrue(finding.found().contains("lacks CAP_NET_ADMIN"), finding.found());
        assertTrue(finding.fix().contains("AmbientCapabilities=CAP_NET_ADMIN"), finding.fix());
        assertEquals(List.of(Finding.ok(device + " is there and this process has CAP_NET_ADMIN")),
                TunDeviceCheck.check(device, true));
    }
}
