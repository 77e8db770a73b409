package dev.quetzal.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.diagnostic.Finding;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Domains from the config against a resolver that answers for one name only (issue 9, DNS). */
final class ResolveCheckTest {
    private static final ResolveCheck CHECK = new ResolveCheck(name -> switch (name) {
        case "corp.example" -> List.of(InetAddress.getByAddress(name, new byte[] {(byte) 198, 18, 0, 7}));
        case "slow.example" -> throw new TimeoutException("no answer within 5 s");
        default -> List.of();
    });

    @DisplayName("a tunnel domain that resolves is ok; one that does not is a warning naming it and the fix"
            + " (issue 9, diagnostics: DNS for tunnel domains)")
    @Test
    void unresolvableTunnelDomain() {
        assertEquals(Finding.ok("tunnelDomains entry corp.example resolves to 198.18.0.7"),
                CHECK.check("corp.example", "tunnelDomains"));
        Finding missing = CHECK.check("crop.example", "tunnelDomains");
        assertEquals(Finding.Severity.WARN, missing.severity());
        assertEquals("tunnelDomains entry crop.example does not resolve through this host's resolver", missing.found());
        assertTrue(missing.fix().startsWith("check the spelling in tunnelDomains"), missing.fix());
    }

    @DisplayName("a resolver that times out counts as not resolving (issue 9, diagnostics: DNS)")
    @Test
    void timeout() {
        assertEquals(Finding.Severity.WARN, CHECK.check("slow.example", "dns64.suffixes").severity());
    }
}
