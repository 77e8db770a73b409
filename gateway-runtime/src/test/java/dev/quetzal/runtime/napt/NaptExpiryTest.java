package dev.quetzal.runtime.napt;

import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A4;
import static dev.quetzal.runtime.napt.NaptFixture.CLIENT_A6;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER4;
import static dev.quetzal.runtime.napt.NaptFixture.SERVER6;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK4;
import static dev.quetzal.runtime.napt.NaptPackets.ACK;
import static dev.quetzal.runtime.napt.NaptPackets.FIN;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP4;
import static dev.quetzal.runtime.napt.NaptPackets.ICMP6;
import static dev.quetzal.runtime.napt.NaptPackets.RST;
import static dev.quetzal.runtime.napt.NaptPackets.SYN;
import static dev.quetzal.runtime.napt.NaptPackets.TCP;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quetzal.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Idle timeouts per protocol, on a manual clock, and the flush when the uplink's address changes. */
@DisplayName("NAPT expiry (RFC 4787 REQ-5, RFC 5382 REQ-5, RFC 5508 REQ-1) and uplink address change")
final class NaptExpiryTest {
    private final NaptFixture fixture = new NaptFixture();

    @Test
    @DisplayName("UDP: a mapping lives 5 minutes after its last outbound packet (RFC 4787 REQ-5)")
    void udpExpiresAfterFiveMinutes() {
        fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(1500, 53, 0)));
        fixture.advance(Duration.ofMinutes(3));
        fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(1500, 53, 0)));

        fixture.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(1, fixture.mappings("udp4"), "refreshed 4:59 ago");
        assertEquals(1, sample("quetzal_napt_mappings", "udp4"));
        fixture.advance(Duration.ofSeconds(1));

        assertEquals(0, fixture.mappings("udp4"));
        assertEquals(0, sample("quetzal_napt_mappings", "udp4"));
        // No client gets it any more: it goes on untranslated, as the gateway's own packets do.
        assertEquals(UPLINK4, NaptFixture.destination(fixture.in(ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, 1500, 0)))));
        assertEquals(1, expired("udp4"));
    }

    @Test
    @DisplayName("ICMP query: a mapping lives 60 s (RFC 5508 REQ-1)")
    void icmpExpiresAfterSixtySeconds() {
        fixture.out(ip(CLIENT_A6, SERVER6, ICMP6, NaptPackets.echo(128, 77, 1)));
        fixture.out(ip(CLIENT_A4, SERVER4, ICMP4, NaptPackets.echo(8, 77, 1)));

        fixture.advance(Duration.ofSeconds(59));
        assertEquals(1, fixture.mappings("icmp6"));
        fixture.advance(Duration.ofSeconds(1));

        assertEquals(0, fixture.mappings("icmp6"));
        assertEquals(0, fixture.mappings("icmp4"));
    }

    @Test
    @DisplayName("TCP: a SYN without an answer is transitory and lives 4 minutes (RFC 5382 REQ-5)")
    void tcpHalfOpenIsTransitory() {
        fixture.out(ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(2000, 443, SYN)));

        fixture.advance(Duration.ofMinutes(4).minusSeconds(1));
        assertEquals(1, fixture.mappings("tcp4"));
        fixture.advance(Duration.ofSeconds(1));

        assertEquals(0, fixture.mappings("tcp4"));
    }

    @Test
    @DisplayName("TCP: after SYN each way it is established and lives 2 h 4 min (RFC 5382 REQ-5)")
    void tcpEstablishedLivesTwoHoursFourMinutes() {
        open(2001);

        fixture.advance(Duration.ofMinutes(124).minusSeconds(1));
        assertEquals(1, fixture.mappings("tcp4"));
        fixture.advance(Duration.ofSeconds(1));

        assertEquals(0, fixture.mappings("tcp4"));
    }

    @Test
    @DisplayName("TCP: a FIN or RST makes it transitory again: 4 minutes")
    void tcpClosingIsTransitory() {
        open(2002);
        open(2003);
        fixture.out(ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(2002, 443, FIN | ACK)));
        assertNotNull(fixture.in(ip(SERVER4, UPLINK4, TCP, NaptPackets.tcp(443, 2003, RST))));

        fixture.advance(Duration.ofMinutes(4));

        assertEquals(0, fixture.mappings("tcp4"));
        assertEquals(2, expired("tcp4"));
    }

    @Test
    @DisplayName("a new uplink address flushes every mapping and is counted; the old ports no longer answer")
    void uplinkAddressChangeFlushes() {
        fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(3000, 53, 0)));

        boolean flushed = fixture.napt.setUplinkAddresses(List.of(IpAddress.parse("198.18.0.8")));

        assertEquals(true, flushed);
        assertEquals(0, fixture.mappings("udp4"));
        assertEquals(1, counter("quetzal_napt_flushes_total"));
        assertEquals("198.18.0.8", NaptFixture.destination(fixture.in(ip(SERVER4, "198.18.0.8", UDP,
                NaptPackets.udp(53, 3000, 0)))), "untranslated: the old mapping is gone");
        assertEquals("198.18.0.8", NaptFixture.source(
                fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(3000, 53, 0)))));
    }

    @Test
    @DisplayName("the same addresses again (a reconnect) keep the mappings")
    void sameAddressKeepsMappings() {
        fixture.out(ip(CLIENT_A4, SERVER4, UDP, NaptPackets.udp(3001, 53, 0)));

        boolean flushed = fixture.napt.setUplinkAddresses(
                List.of(IpAddress.parse(UPLINK4), IpAddress.parse(NaptFixture.UPLINK6)));

        assertEquals(false, flushed);
        assertEquals(1, fixture.mappings("udp4"));
    }

    private void open(int port) {
        fixture.out(ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(port, 443, SYN)));
        fixture.in(ip(SERVER4, UPLINK4, TCP, NaptPackets.tcp(443, port, SYN | ACK)));
        fixture.out(ip(CLIENT_A4, SERVER4, TCP, NaptPackets.tcp(port, 443, ACK)));
    }

    private long expired(String kind) {
        return sample("quetzal_napt_mappings_expired_total", kind);
    }

    private long sample(String name, String kind) {
        return fixture.metrics.samples().stream()
                .filter(s -> s.name().equals(name) && kind.equals(s.labels().get("kind")))
                .mapToLong(s -> s.value()).sum();
    }

    private long counter(String name) {
        return fixture.metrics.samples().stream().filter(s -> s.name().equals(name)).mapToLong(s -> s.value()).sum();
    }
}
