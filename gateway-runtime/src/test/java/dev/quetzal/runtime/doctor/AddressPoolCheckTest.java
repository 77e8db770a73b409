package dev.quetzal.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

final class AddressPoolCheckTest {
    private static final IpPrefix POOL = IpPrefix.parse("100.64.0.0/24");

    @DisplayName("a pool inside a host network (Tailscale's 100.64.0.0/10) is a warning with the fix (issue 9,"
            + " diagnostics: address pool overlapping the host's ranges)")
    @Test
    void overlap() {
        List<Finding> findings = AddressPoolCheck.check(POOL, "addressPool.ipv4", List.of(
                new AddressPoolCheck.HostNetwork("tailscale0", IpAddress.parse("100.101.5.6"), 10),
                new AddressPoolCheck.HostNetwork("eth0", IpAddress.parse("192.0.2.2"), 24)));
        assertEquals(1, findings.size());
        Finding finding = findings.getFirst();
        assertEquals(Finding.Severity.WARN, finding.severity());
        assertEquals("addressPool.ipv4 100.64.0.0/24 overlaps 100.101.5.6/10 on tailscale0", finding.found());
        assertTrue(finding.fix().contains("choose a pool outside the host's networks"), finding.fix());
    }

    @DisplayName("a host address inside the pool also overlaps; loopback and other families do not (issue 9)")
    @Test
    void hostAddressInsidePool() {
        List<Finding> findings = AddressPoolCheck.check(POOL, "addressPool.ipv4", List.of(
                new AddressPoolCheck.HostNetwork("wg0", IpAddress.parse("100.64.0.9"), 32),
                new AddressPoolCheck.HostNetwork("lo", IpAddress.parse("127.0.0.1"), 8),
                new AddressPoolCheck.HostNetwork("eth0", IpAddress.parse("fd00::2"), 64)));
        assertEquals(List.of(Finding.Severity.WARN), findings.stream().map(Finding::severity).toList());
        assertEquals(List.of(Finding.ok("addressPool.ipv4 100.64.0.0/24 overlaps no network of this host")),
                AddressPoolCheck.check(POOL, "addressPool.ipv4", List.of()));
    }
}
