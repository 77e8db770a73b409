package dev.quetzal.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.diagnostic.DiagnosticContext.Transport;
import dev.quetzal.api.diagnostic.Finding;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class ListenCheckTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @DisplayName("a port below 1024 without root or CAP_NET_BIND_SERVICE: fail with setcap and AmbientCapabilities"
            + " (issue 9, diagnostics: the capability to bind below 1024)")
    @Test
    void privilegedPortWithoutCapability() {
        Finding finding = new ListenCheck(new Privileges(false, false, 1024)).check(Transport.UDP, LOOPBACK, 500, "ikePort");
        assertEquals(Finding.Severity.FAIL, finding.severity());
        assertEquals("UDP 127.0.0.1:500 (ikePort) is below 1024 and this process is neither root nor has"
                + " CAP_NET_BIND_SERVICE", finding.found());
        assertTrue(finding.fix().contains("setcap cap_net_bind_service=+ep"), finding.fix());
        assertTrue(finding.fix().contains("AmbientCapabilities=CAP_NET_BIND_SERVICE"), finding.fix());
        assertTrue(finding.fix().contains("choose ikePort of 1024 or above"), finding.fix());
    }

    @DisplayName("the capability, root or a lower unprivileged limit each allow a low port (issue 9, diagnostics)")
    @Test
    void privileges() {
        assertTrue(new Privileges(false, true, 1024).mayBind(500));
        assertTrue(new Privileges(true, false, 1024).mayBind(500));
        assertTrue(new Privileges(false, false, 80).mayBind(500));
        assertFalse(new Privileges(false, false, 1024).mayBind(1023));
        assertTrue(new Privileges(false, false, 1024).mayBind(0));
    }

    @DisplayName("root and CAP_NET_BIND_SERVICE read from /proc/self/status lines (issue 9, capability below 1024)")
    @Test
    void privilegesFromProcStatus() {
        // systemd's AmbientCapabilities=CAP_NET_BIND_SERVICE for a service user: bit 10 only.
        assertEquals(new Privileges(false, true, 1024), Privileges.fromStatus(List.of("Name:\tjava",
                "Uid:\t998\t998\t998\t998", "CapEff:\t0000000000000400"), 1024));
        assertEquals(new Privileges(true, true, 1024), Privileges.fromStatus(List.of(
                "Uid:\t1000\t0\t0\t0", "CapEff:\t000001ffffffffff"), 1024));
        assertEquals(new Privileges(false, false, 1024), Privileges.fromStatus(List.of(
                "Uid:\t1000\t1000\t1000\t1000", "CapEff:\t0000000000000000"), 1024));
    }

    @DisplayName("a UDP port another socket holds: fail naming it and the field to change (issue 9, diagnostics: ports free)")
    @Test
    void udpPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = taken.getLocalPort();
            Finding finding = new ListenCheck(new Privileges(false, false, 1024))
                    .check(Transport.UDP, LOOPBACK, port, "natPort");
            assertEquals(Finding.fail("UDP 127.0.0.1:" + port + " (natPort) is in use by another program",
                    finding.fix()), finding);
            assertTrue(finding.fix().endsWith("or choose another natPort"), finding.fix());
        }
    }

    @DisplayName("a free port is bound, released and reported ok (issue 9, diagnostics)")
    @Test
    void freePort() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = probe.getLocalPort();
        }
        Finding finding = new ListenCheck(new Privileges(false, false, 1024)).check(Transport.UDP, LOOPBACK, port, "natPort");
        assertEquals(Finding.ok("UDP 127.0.0.1:" + port + " (natPort) is free and bindable"), finding);
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertEquals(port, again.getLocalPort()); // the check let go of it
        }
    }
}
