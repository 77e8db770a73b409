package dev.quetzal.fortivpn.ppp;

import static dev.quetzal.fortivpn.ppp.PppPair.CLIENT;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS1;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS2;
import static dev.quetzal.fortivpn.ppp.PppPair.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real FortiGate's side as pppd logs show it (fortivpn-protocol.md §6: LCP request with a magic
 * number only, IPCP request with the gateway address, DNS by Nak, IPv6CP Protocol-Rejected), replayed
 * against the CLIENT role; the client's packets are checked byte for byte.
 */
@DisplayName("A FortiGate replayed against the client role (fortivpn-protocol.md §6)")
final class FortiGateReplayTest {
    private static final int CLIENT_MAGIC = 0x12345678;

    @Test
    @DisplayName("§6: LCP with MRU 1354, IPCP with DNS by Nak then Ack, IPv6CP Protocol-Rejected, IPv4 up")
    void fortiGateSession() {
        ScriptedPeer client = new ScriptedPeer(PppSettings.client(CLIENT).requestDns(true).mru(1354)
                .ipv6(true, 0x0211_22ff_fe33_4455L, 0).build(), CLIENT_MAGIC);
        assertEquals(List.of("c0 21 01 01 00 0e 01 04 05 4a 05 06 12 34 56 78"), client.open());
        assertEquals(List.of("c0 21 02 01 00 0a 05 06 a7 90 2a 6e"), client.receive("c0 21 01 01 00 0a 05 06 a7 90 2a 6e"));
        assertEquals(List.of(
                "80 21 01 01 00 16 03 06 c6 12 00 02 81 06 00 00 00 00 83 06 00 00 00 00",
                "80 57 01 01 00 0e 01 0a 02 11 22 ff fe 33 44 55"),
                client.receive("c0 21 02 01 00 0e 01 04 05 4a 05 06 12 34 56 78"));
        assertEquals(List.of("80 21 02 01 00 0a 03 06 c6 12 00 01"), client.receive("80 21 01 01 00 0a 03 06 c6 12 00 01"));
        assertEquals(List.of(), client.receive("c0 21 08 02 00 14 80 57 01 01 00 0e 01 0a 02 11 22 ff fe 33 44 55"));
        assertEquals(List.of(), client.up, "IPCP not open yet");
        assertEquals(List.of("80 21 01 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"),
                client.receive("80 21 03 01 00 10 81 06 c6 12 00 35 83 06 c6 12 00 36"));
        assertEquals(List.of(), client.receive("80 21 02 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"));
        assertEquals(List.of(new NetworkParameters(CLIENT, GATEWAY, List.of(DNS1, DNS2), 1500, false, 0, 0)), client.up);
        assertTrue(client.endpoint.ipv4Open());
        assertFalse(client.endpoint.ipv6Open());
        // §7: the FortiGate's echo is answered with the client's magic.
        assertEquals(List.of("c0 21 0a 03 00 08 12 34 56 78"), client.receive("c0 21 09 03 00 08 a7 90 2a 6e"));
    }

    @Test
    @DisplayName("§6: the server's own options other than IP-Address are rejected (OpenConnect: offer DNS only by Nak)")
    void rejectsServerOptionsButAddress() {
        ScriptedPeer client = new ScriptedPeer(PppSettings.client(CLIENT).build(), CLIENT_MAGIC);
        client.open();
        client.receive("c0 21 01 01 00 0a 05 06 a7 90 2a 6e");
        client.receive("c0 21 02 01 00 0a 05 06 12 34 56 78");
        assertEquals(List.of("80 21 04 07 00 10 81 06 c6 12 00 35 02 06 00 2d 0f 01"),
                client.receive("80 21 01 07 00 16 03 06 c6 12 00 01 81 06 c6 12 00 35 02 06 00 2d 0f 01"));
    }

    @Test
    @DisplayName("§6: a Reject of the DNS options stops asking; a Reject of IP-Address ends the link")
    void rejectsOfClientOptions() {
        ScriptedPeer client = new ScriptedPeer(PppSettings.client(CLIENT).requestDns(true).build(), CLIENT_MAGIC);
        client.open();
        client.receive("c0 21 01 01 00 0a 05 06 a7 90 2a 6e");
        client.receive("c0 21 02 01 00 0a 05 06 12 34 56 78");
        assertEquals(List.of("80 21 01 02 00 10 03 06 c6 12 00 02 83 06 00 00 00 00"),
                client.receive("80 21 04 01 00 0a 81 06 00 00 00 00"));
        byte[] reason = "IPCP: the server rejected the IP-Address option".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(Hex.of(new ControlPacket(ControlPacket.TERMINATE_REQUEST, 2, reason).toFrame(PppProtocol.LCP))),
                client.receive("80 21 04 02 00 0a 03 06 c6 12 00 02"));
        assertEquals(List.of(), client.receive("c0 21 06 02 00 04"), "LCP Closed: nothing more");
        assertEquals(List.of("NO_NETWORK_PROTOCOL: IPCP: the server rejected the IP-Address option"), client.down);
        assertEquals(List.of(), client.advance(Duration.ofSeconds(60).toNanos()));
    }
}
