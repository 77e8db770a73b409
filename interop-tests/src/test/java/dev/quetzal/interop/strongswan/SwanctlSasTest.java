package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
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
        assertEquals(new SwanctlSas.ChildSa("gcm-rsa-3072", 1, "DELETED", "2c0eb2f6", 168, "a6be87f5", 168,
                List.of("198.18.2.1/32"), List.of("198.18.1.0/24")), old);
        SwanctlSas.ChildSa current = ike.installedChild("gcm-rsa-3072").orElseThrow();
        assertEquals(new SwanctlSas.ChildSa("gcm-rsa-3072", 2, "INSTALLED", "fb56c3e8", 0, "bcbdfc0b", 0,
                List.of("198.18.2.1/32"), List.of("198.18.1.0/24")), current);
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
    @DisplayName("RFC 7296 §2.9: a narrowed CHILD SA's selectors, several on one line, with protocol and port when"
            + " narrowed to them; the IKE SA's own local/remote lines are not selectors")
    void trafficSelectors() {
        String text = """
                gcm-ecdsa-p256-full: #1, ESTABLISHED, IKEv2, 0123456789abcdef_i* fedcba9876543210_r
                  local  'client1@vpn.test' @ 198.18.0.2[4500] [198.18.2.2]
                  remote 'vpn.test' @ 198.18.0.1[4500]
                  gcm-ecdsa-p256-full: #3, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
                    installed 1s ago, rekeying in 3500s, expires in 3960s
                    in  c0ffee01,      0 bytes,     0 packets
                    out c0ffee02,      0 bytes,     0 packets
                    local  198.18.2.2/32
                    remote 198.18.1.20/32 198.18.1.53/32[udp/domain] 198.18.4.0/25
                """;
        SwanctlSas.ChildSa child = SwanctlSas.parse(text).established("gcm-ecdsa-p256-full").orElseThrow()
                .installedChild("gcm-ecdsa-p256-full").orElseThrow();
        assertEquals(List.of("198.18.2.2/32"), child.localTs());
        assertEquals(List.of("198.18.1.20/32", "198.18.1.53/32[udp/domain]", "198.18.4.0/25"), child.remoteTs());
        assertTrue(SwanctlSas.covers(child.remoteTs(), IpAddress.parse("198.18.1.53")));
        assertTrue(SwanctlSas.covers(child.remoteTs(), IpAddress.parse("198.18.4.127")));
        assertFalse(SwanctlSas.covers(child.remoteTs(), IpAddress.parse("198.18.4.128")));
        assertFalse(SwanctlSas.covers(child.remoteTs(), IpAddress.parse("198.18.1.21")));
    }

    @Test
    @DisplayName("RFC 7296 §3.13.1: selectors are address ranges; neighbours joined into a prefix or a range still hold"
            + " each address, and IPv4 selectors never hold IPv6 addresses")
    void coversJoinedRanges() {
        List<String> joined = List.of("198.18.1.20/31", "198.18.1.30..198.18.1.32", "2001:db8::/126");
        assertTrue(SwanctlSas.covers(joined, IpAddress.parse("198.18.1.21")));
        assertTrue(SwanctlSas.covers(joined, IpAddress.parse("198.18.1.31")));
        assertTrue(SwanctlSas.covers(joined, IpAddress.parse("2001:db8::3")));
        assertFalse(SwanctlSas.covers(joined, IpAddress.parse("198.18.1.22")));
        assertFalse(SwanctlSas.covers(joined, IpAddress.parse("198.18.1.33")));
        assertFalse(SwanctlSas.covers(List.of("0.0.0.0/0"), IpAddress.parse("::1")));
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
