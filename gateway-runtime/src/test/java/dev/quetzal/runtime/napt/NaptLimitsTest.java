package dev.quetzal.runtime.napt;

import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A4;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A6;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_B4;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER4;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER6;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Caps on mappings: in total, per client and by the port range; fragments. */
@DisplayName("NAPT limits, port exhaustion (issue 7 item 1) and fragments (RFC 4787 REQ-14 only in part: later fragments are dropped)")
final class NaptLimitsTest {
    @Test
    @DisplayName("a client at maxPerClient gets no new flow (napt-client-limit); others still do; expiry frees room")
    void perClientLimit() {
        NaptFixture fixture = new NaptFixture(NaptFixture.settings("1024-65535", 64, 3));
        for (int port = 5000; port < 5003; port++) {
            assertNotNull(fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(port, 53, 0))));
        }

        assertNull(fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(5003, 53, 0))));
        assertNotNull(fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(5000, 53, 0))), "existing flows go on");
        assertNotNull(fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(5003, 53, 0))));
        assertEquals(1, fixture.drops("napt-client-limit"));
        assertEquals(3, fixture.napt.status(10).clients().getFirst().mappings());
        assertEquals(CLIENT_A4, fixture.napt.status(10).clients().getFirst().client());

        fixture.advance(Duration.ofMinutes(5));
        assertNotNull(fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(5003, 53, 0))));
    }

    @Test
    @DisplayName("at maxMappings no new flow is mapped (napt-table-full)")
    void tableFull() {
        NaptFixture fixture = new NaptFixture(NaptFixture.settings("1024-65535", 16, 16));
        for (int port = 6000; port < 6016; port++) {
            assertNotNull(fixture.out(ip(port % 2 == 0 ? CLIENT_A4 : CLIENT_B4, SERVER4, UDP,
                    NaptPackets.udp(port, 53, 0))));
        }

        assertNull(fixture.out(ip(CLIENT_A6, SERVER6, UDP, NaptPackets.udp(6016, 53, 0))));
        assertEquals(1, fixture.drops("napt-table-full"));
    }

    @Test
    @DisplayName("a range of two ports maps two flows and refuses the third (napt-ports-exhausted)")
    void portsExhausted() {
        NaptFixture fixture = new NaptFixture(NaptFixture.settings("2000-2001", 64, 64));
        Set<Integer> ports = new HashSet<>();
        ports.add(fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(2000, 53, 0))).getUnsignedShort(20));
        ports.add(fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(2000, 53, 0))).getUnsignedShort(20));

        assertEquals(Set.of(2000, 2001), ports);
        assertNull(fixture.out(ip(CLIENT_B4, SERVER4, UDP, NaptPackets.udp(9999, 53, 0))));
        assertEquals(1, fixture.drops("napt-ports-exhausted"));
    }

    @Test
    @DisplayName("many flows come and go: the table stays consistent through expiry and reuse")
    void churn() {
        NaptFixture fixture = new NaptFixture(NaptFixture.settings("1024-65535", 4096, 4096));
        for (int round = 0; round < 4; round++) {
            for (int port = 10000; port < 13000; port++) {
                String client = port % 3 == 0 ? CLIENT_A4 : CLIENT_B4;
                var out = fixture.out(ip(client, SERVER4, UDP, NaptPackets.udp(port + round, 53, 0)));
                int external = out.getUnsignedShort(20);
                var back = fixture.in(ip(SERVER4, NaptFixture.UPLINK4, UDP, NaptPackets.udp(53, external, 0)));
                assertEquals(client, NaptFixture.destination(back));
                assertEquals(port + round, back.getUnsignedShort(22));
            }
            fixture.advance(Duration.ofMinutes(5));
            assertEquals(0, fixture.mappings("udp4"));
        }
    }

    @Test
    @DisplayName("a later fragment (no ports) is dropped as napt-fragment; a first fragment is translated")
    void fragments() {
        NaptFixture fixture = new NaptFixture();
        byte[] first = ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(7000, 53, 40));
        NaptPackets.put16(first, 6, 0x2000);
        byte[] later = ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(7000, 53, 40));
        NaptPackets.put16(later, 6, 0x0005);

        assertEquals(NaptFixture.UPLINK4, NaptFixture.source(fixture.out(first)));
        assertNull(fixture.out(later));
        assertEquals(1, fixture.drops("napt-fragment"));
    }
}
