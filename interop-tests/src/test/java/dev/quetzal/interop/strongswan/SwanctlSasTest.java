package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Parsing strongSwan 5.9.8's {@code swanctl --list-sas} (captured on this topology) to see RFC 7296 §1.3.2 and §1.3.3 rekeys. */
final class SwanctlSasTest {
    private static String captured() throws IOException {
        try (InputStream in = SwanctlSasTest.class.getResourceAsStream("/strongswan/list-sas-after-rekey.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("RFC 7296 §1.3.2/§1.3.3: after both rekeys the new IKE SA #2 holds the DELETED child #1 and the INSTALLED child #2")
    void capturedOutputAfterRekeys() throws IOException {
        SwanctlSas sas = SwanctlSas.parse(captured());
        assertEquals(1, sas.ikeSas().size());
        SwanctlSas.IkeSa ike = sas.established("gcm-rsa-3072").orElseThrow();
        assertEquals(2, ike.uniqueId());
        assertEquals("af69b4beb6f12987", ike.initiatorSpi());
        assertEquals("c6326e51e4b304a2", ike.responderSpi());
        assertEquals(List.of("DELETED", "INSTALLED"), ike.children().stream().map(SwanctlSas.ChildSa::state).toList());
        SwanctlSas.ChildSa old = ike.children().getFirst();
        assertEquals(new SwanctlSas.ChildSa("gcm-rsa-3072", 1, "DELETED", "2c0eb2f6", 168, "a6be87f5", 168), old);
        SwanctlSas.ChildSa current = ike.installedChild("gcm-rsa-3072").orElseThrow();
        assertEquals(new SwanctlSas.ChildSa("gcm-rsa-3072", 2, "INSTALLED", "fb56c3e8", 0, "bcbdfc0b", 0), current);
    }

    @Test
    @DisplayName("RFC 7296 §1.3.2: an IKE SA that is not ESTABLISHED (REKEYED, DELETING) is not the connection's current one")
    void onlyEstablishedIkeSasCount() {
        String text = """
                home: #3, REKEYED, IKEv2, 0123456789abcdef_i* fedcba9876543210_r
                  home: #5, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
                    in  c0ffee01 (0x00000042),  1000 bytes,    10 packets,     1s ago
                    out c0ffee02 (0x00000042),  2000 bytes,    20 packets,     1s ago
                home: #4, ESTABLISHED, IKEv2, 1111111111111111_i* 2222222222222222_r
                """;
        SwanctlSas sas = SwanctlSas.parse(text);
        assertEquals(2, sas.ikeSas().size());
        assertEquals(4, sas.established("home").orElseThrow().uniqueId());
        assertTrue(sas.established("home").orElseThrow().children().isEmpty());
        SwanctlSas.ChildSa marked = sas.ikeSas().getFirst().installedChild("home").orElseThrow();
        assertEquals(1000, marked.bytesIn());
        assertEquals("c0ffee02", marked.outboundSpi());
    }

    @Test
    @DisplayName("RFC 7296 §1.4.1: no SAs (after terminate) and unknown lines give an empty list, not an error")
    void emptyAndForeignOutput() {
        assertTrue(SwanctlSas.parse("").ikeSas().isEmpty());
        assertTrue(SwanctlSas.parse("no matching SAs\n  stray: #1, reqid 1, INSTALLED,\n").ikeSas().isEmpty());
        assertTrue(SwanctlSas.parse("home: #1, CONNECTING, IKEv2, 0123456789abcdef_i* 0000000000000000_r\n")
                .established("home").isEmpty());
    }
}
