package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.NetworkSettings;
import dev.quetzal.emulator.config.ZoneRecord;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.emulator.testing.TunnelClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** EmulatorHooks.setZoneRecords: the corporate DNS changes while a tunnel is up (RFC 1035 §4.1.3 TTLs). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ZoneHookTest {
    private static final IpAddress DNS = IpAddress.parse("198.18.0.53");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.onDemand();

    private static Record askThroughTunnel(TunnelClient client, String name, int id) throws Exception {
        client.send(Packets.dnsQuery(client.address(), DNS, name, Type.A, id));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] packet = client.receive(Duration.ofMillis(200));
            if (packet != null && (packet[9] & 0xFF) == 17) {
                Message answer = Packets.dnsAnswer(packet);
                if (answer.getHeader().getID() == id) {
                    List<Record> records = answer.getSection(Section.ANSWER);
                    return records.isEmpty() ? null : records.getFirst();
                }
            }
        }
        throw new AssertionError("no DNS answer for " + name + " within " + WAIT);
    }

    @Test
    @DisplayName("RFC 1035 §4.1.3: a tunnel already up sees the new address and TTL of a changed record; reset restores it")
    void changeWhileTunnelUp() throws Exception {
        FortiGateEmulator emulator = fixture.start(EmulatorFixture.alice().network(new NetworkSettings(null, null, null,
                new DnsZone("corp.example", List.of(new ZoneRecord("app", "A", "198.18.0.20", Duration.ofSeconds(1)))))));
        try (TunnelClient client = TunnelClient.connect(emulator, "alice", "secret")) {
            Record before = askThroughTunnel(client, "app.corp.example.", 1);
            assertEquals("198.18.0.20", before.rdataToString());
            assertEquals(1, before.getTTL());

            emulator.hooks().setZoneRecords(List.of(new ZoneRecord("app", "A", "198.18.0.21", Duration.ofSeconds(2))));
            Record after = askThroughTunnel(client, "app.corp.example.", 2);
            assertNotNull(after);
            assertEquals("198.18.0.21", after.rdataToString());
            assertEquals(2, after.getTTL());
            assertEquals(List.of(new ZoneRecord("app", "A", "198.18.0.21", Duration.ofSeconds(2))),
                    emulator.hooks().zoneRecords());

            emulator.hooks().reset();
            assertEquals("198.18.0.20", askThroughTunnel(client, "app.corp.example.", 3).rdataToString());
            assertEquals(3, emulator.dnsZone().orElseThrow().queries());
            assertTrue(emulator.dnsZone().orElseThrow().asked("app.corp.example"));
        }
    }

    @Test
    @DisplayName("bad records are refused with IllegalArgumentException and the zone stays as it was")
    void badRecords() throws Exception {
        FortiGateEmulator emulator = fixture.start(EmulatorFixture.alice());
        List<ZoneRecord> before = emulator.hooks().zoneRecords();
        assertThrows(IllegalArgumentException.class, () -> emulator.hooks().setZoneRecords(
                List.of(new ZoneRecord("intranet", "A", "not-an-address"))));
        assertEquals(before, emulator.hooks().zoneRecords());
        assertEquals(DnsZone.corpExample().records(), before);
    }

    @Test
    @DisplayName("a corporate network without its own zone: setZoneRecords is an IllegalStateException, reset still works")
    void networkWithoutZone() throws Exception {
        CorporateNetwork silent = new CorporateNetwork() {
            @Override
            public void start(ClientSink clients) {
            }

            @Override
            public void fromClient(byte[] packet, int offset, int length) {
            }

            @Override
            public void close() {
            }
        };
        FortiGateEmulator emulator = fixture.start(EmulatorFixture.alice().corporateNetwork(silent));
        assertFalse(emulator.dnsZone().isPresent());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> emulator.hooks().setZoneRecords(List.of()));
        assertTrue(e.getMessage().contains("no DNS zone"), e.getMessage());
        emulator.hooks().reset();
    }
}
