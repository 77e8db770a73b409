package dev.quetzal.fortivpn.ppp;

import static dev.quetzal.fortivpn.ppp.PppPair.CLIENT;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS1;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS2;
import static dev.quetzal.fortivpn.ppp.PppPair.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.Ipv4Address;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Client and server endpoints back to back: negotiation (RFC 1661 §3-§6, RFC 1332, RFC 1877, RFC 5072)")
final class PppEndpointNegotiationTest {
    private static final int CLIENT_MAGIC = 0x12345678;
    private static final int SERVER_MAGIC = 0xa7902a6e;

    @Test
    @DisplayName("fortivpn-protocol.md §6, §9: LCP both ways, then IPCP with DNS offered by Nak; networkUp once each")
    void fullNegotiationWithDnsByNak() {
        PppPair pair = new PppPair(PppPair.clientSettings().mru(1400).build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.open();

        assertEquals(List.of(new NetworkParameters(CLIENT, GATEWAY, List.of(DNS1, DNS2), 1500, false, 0, 0)),
                pair.client.up);
        assertEquals(List.of(new NetworkParameters(GATEWAY, CLIENT, List.of(DNS1, DNS2), 1400, false, 0, 0)),
                pair.server.up);
        assertTrue(pair.client.endpoint.ipv4Open() && pair.server.endpoint.ipv4Open());
        assertFalse(pair.client.endpoint.ipv6Open());
        assertEquals("LCP Opened, IPCP Opened, IPv6CP off", pair.client.endpoint.describe());
        assertEquals(pair.client.up.getFirst(), pair.client.endpoint.parameters());
        // The client's IPCP: ask DNS as 0.0.0.0, get a Nak with the servers, ask again with them, get an Ack.
        assertEquals(List.of(
                "80 21 01 01 00 16 03 06 c6 12 00 02 81 06 00 00 00 00 83 06 00 00 00 00",
                "80 21 02 01 00 0a 03 06 c6 12 00 01",
                "80 21 01 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"),
                pair.client.sentStartingWith("80 21"));
        assertEquals(List.of(
                "80 21 01 01 00 0a 03 06 c6 12 00 01",
                "80 21 03 01 00 10 81 06 c6 12 00 35 83 06 c6 12 00 36",
                "80 21 02 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"),
                pair.server.sentStartingWith("80 21"));
        pair.run(Duration.ofSeconds(5));
        assertEquals(1, pair.client.up.size(), "networkUp once");
        assertEquals(List.of(), pair.client.down);
        assertEquals(0, pair.client.endpoint.malformedFrames() + pair.server.endpoint.malformedFrames());
    }

    @Test
    @DisplayName("fortivpn-protocol.md §5, quirk 5: a client that sends ff 03 on every frame, as OpenConnect does")
    void clientSendsAddressAndControl() {
        PppPair pair = new PppPair(PppPair.clientSettings().sendAddressControl(true).build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.open();
        assertTrue(pair.bothUp());
        assertTrue(pair.client.sent.stream().allMatch(frame -> frame.startsWith("ff 03 ")), pair.client.sent.toString());
        assertTrue(pair.server.sent.stream().noneMatch(frame -> frame.startsWith("ff 03 ")));
    }

    @Test
    @DisplayName("RFC 5072 §4.1: IPv6CP opens with the configured interface identifiers")
    void withIpv6() {
        PppPair pair = new PppPair(PppPair.clientSettings().ipv6(true, 0x0211_22ff_fe33_4455L, 0).build(),
                CLIENT_MAGIC, PppPair.serverSettings().ipv6(true, 0x1L, 0x2L).build(), SERVER_MAGIC);
        pair.open();
        NetworkParameters client = pair.client.up.getFirst();
        assertTrue(client.ipv6());
        assertEquals(0x0211_22ff_fe33_4455L, client.localInterfaceId());
        assertEquals(1L, client.peerInterfaceId());
        assertEquals(new NetworkParameters(GATEWAY, CLIENT, List.of(DNS1, DNS2), 1500, true, 1L, 0x0211_22ff_fe33_4455L),
                pair.server.up.getFirst());
        assertTrue(pair.client.endpoint.ipv6Open() && pair.server.endpoint.ipv6Open());
        assertEquals("LCP Opened, IPCP Opened, IPv6CP Opened", pair.server.endpoint.describe());
    }

    @Test
    @DisplayName("RFC 5072 §4.1: a client proposing identifier 0 is Nak'ed the server's configured one and adopts it")
    void ipv6IdentifierByNak() {
        PppPair pair = new PppPair(PppPair.clientSettings().ipv6(true, 0, 0).build(), CLIENT_MAGIC,
                PppPair.serverSettings().ipv6(true, 0x1L, 0xabcdL).build(), SERVER_MAGIC);
        pair.open();
        assertEquals(0xabcdL, pair.client.up.getFirst().localInterfaceId());
        assertEquals(0xabcdL, pair.server.up.getFirst().peerInterfaceId());
        assertTrue(pair.server.sent.contains("80 57 03 01 00 0e 01 0a 00 00 00 00 00 00 ab cd"), pair.server.sent.toString());
    }

    @Test
    @DisplayName("RFC 5072 §4.1: equal identifiers are Nak'ed with a fresh random one, and IPv6CP still opens")
    void ipv6IdentifierCollision() {
        PppPair pair = new PppPair(PppPair.clientSettings().ipv6(true, 7, 0).build(), CLIENT_MAGIC,
                PppPair.serverSettings().ipv6(true, 7, 0).build(), SERVER_MAGIC);
        pair.open();
        NetworkParameters client = pair.client.up.getFirst();
        NetworkParameters server = pair.server.up.getFirst();
        assertTrue(client.ipv6() && server.ipv6());
        assertTrue(client.localInterfaceId() != client.peerInterfaceId());
        assertEquals(client.localInterfaceId(), server.peerInterfaceId());
        assertEquals(client.peerInterfaceId(), server.localInterfaceId());
    }

    @Test
    @DisplayName("fortivpn-protocol.md §6: the server Protocol-Rejects IPv6CP; the client turns IPv6 off and IPv4 comes up")
    void protocolRejectOfIpv6cp() {
        PppPair pair = new PppPair(PppPair.clientSettings().ipv6(true, 0x5L, 0).build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.open();
        assertEquals(List.of("c0 21 08 02 00 14 80 57 01 01 00 0e 01 0a 00 00 00 00 00 00 00 05"),
                pair.server.sentStartingWith("c0 21 08"));
        NetworkParameters client = pair.client.up.getFirst();
        assertFalse(client.ipv6());
        assertEquals(0, client.localInterfaceId());
        assertTrue(pair.client.endpoint.ipv4Open());
        assertFalse(pair.client.endpoint.ipv6Open());
        assertEquals("LCP Opened, IPCP Opened, IPv6CP Stopped", pair.client.endpoint.describe());
        pair.run(Duration.ofSeconds(40));
        assertEquals(List.of(), pair.client.down, "IPv6CP sends nothing more");
        assertEquals(1, pair.server.sentStartingWith("c0 21 08").size());
    }

    @Test
    @DisplayName("RFC 1661 §4.6: lost Configure-Requests and Acks are recovered by retransmission after 3 s")
    void lostPacketsRecovered() {
        PppPair pair = new PppPair(PppPair.clientSettings().build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        int[] lostLcp = {0};
        int[] lostIpcp = {0};
        pair.client.lose = frame -> frame.startsWith("c0 21 01") && lostLcp[0]++ < 2;
        pair.server.lose = frame -> frame.startsWith("80 21 02") && lostIpcp[0]++ < 1;
        pair.open();
        assertFalse(pair.bothUp());
        pair.runUntil(pair::bothUp, Duration.ofSeconds(20));
        long seconds = (pair.client.upAt - 1_000_000_000L) / 1_000_000_000L;
        assertTrue(seconds >= 6 && seconds < 12, "up after " + seconds + " s");
        assertEquals(3, pair.client.sentStartingWith("c0 21 01").size(), "two lost, the third arrives");
        assertEquals(List.of(CLIENT, GATEWAY), List.of(pair.client.up.getFirst().localAddress(),
                pair.client.up.getFirst().peerAddress()));
    }

    @Test
    @DisplayName("RFC 1661 §4.6: NEGOTIATION_FAILED after maxConfigure unanswered Configure-Requests")
    void negotiationFailedAfterMaxConfigure() {
        PppPair pair = new PppPair(PppPair.clientSettings().restart(Duration.ofSeconds(3), 4, 2).build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.client.lose = frame -> true;
        pair.client.endpoint.open(pair.now);
        pair.run(Duration.ofSeconds(30));
        assertEquals(4, pair.client.sent.size());
        assertEquals(List.of("NEGOTIATION_FAILED: LCP: no reply to 4 Configure-Requests"), pair.client.down);
        assertEquals(12, (pair.client.downAt - 1_000_000_000L) / 1_000_000_000L);
        assertEquals(List.of(), pair.client.up);
    }

    @Test
    @DisplayName("fortivpn-protocol.md §6: a Nak to another address than the assigned one drops IPv4: NO_NETWORK_PROTOCOL")
    void addressNakFailsIpv4() {
        PppPair pair = new PppPair(PppPair.clientSettings().build(), CLIENT_MAGIC,
                PppSettings.server(GATEWAY, new Ipv4Address(0xc6120063)).build(), SERVER_MAGIC);
        pair.open();
        assertEquals(List.of("NO_NETWORK_PROTOCOL: IPCP: the server offered IPv4 address 198.18.0.99 instead of the "
                + "assigned 198.18.0.2"), pair.client.down);
        assertEquals(List.of("PEER_TERMINATE: IPCP: the server offered IPv4 address 198.18.0.99 instead of the "
                + "assigned 198.18.0.2"), pair.server.down);
        assertEquals(List.of(), pair.client.up);
    }

    @Test
    @DisplayName("fortivpn-protocol.md §6 (pppd's noipdefault): a client asking 0.0.0.0 adopts the Nak'ed address")
    void clientWithoutAddressAdoptsNak() {
        PppPair pair = new PppPair(PppSettings.client(new Ipv4Address(0)).build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.open();
        assertEquals(new NetworkParameters(CLIENT, GATEWAY, List.of(), 1500, false, 0, 0), pair.client.up.getFirst());
    }

    @Test
    @DisplayName("RFC 1661 §6.4: equal magic numbers (a looped-back link) are Nak'ed and both sides still open")
    void equalMagicNumbers() {
        PppPair pair = new PppPair(PppPair.clientSettings().build(), 0x0badcafe,
                PppPair.serverSettings().build(), 0x0badcafe);
        pair.open();
        assertTrue(pair.bothUp());
        assertFalse(pair.client.sentStartingWith("c0 21 03").isEmpty() && pair.server.sentStartingWith("c0 21 03").isEmpty(),
                "someone Nak'ed the magic");
    }
}
