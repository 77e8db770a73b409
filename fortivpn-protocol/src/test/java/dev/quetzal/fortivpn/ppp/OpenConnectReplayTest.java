package dev.quetzal.fortivpn.ppp;

import static dev.quetzal.fortivpn.ppp.PppPair.CLIENT;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS1;
import static dev.quetzal.fortivpn.ppp.PppPair.DNS2;
import static dev.quetzal.fortivpn.ppp.PppPair.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact packets OpenConnect 9.01 sends (fortivpn-protocol.md §6 and §11: ff 03 on every frame,
 * LCP with MRU and magic, IPCP with the XML address and, when the XML has no DNS, 129-132 as 0.0.0.0),
 * replayed against the SERVER role; every answer is checked byte for byte. Addresses: gateway
 * 198.18.0.1 (c6 12 00 01), client 198.18.0.2, DNS 198.18.0.53 and .54.
 */
@DisplayName("OpenConnect 9.01 replayed against the server role (fortivpn-protocol.md §6, §9, §11)")
final class OpenConnectReplayTest {
    private static final int SERVER_MAGIC = 0xa7902a6e;
    /** OpenConnect's random magic in these captures. */
    private static final String OC_MAGIC = "3c 5a 11 d2";

    private final ScriptedPeer server = new ScriptedPeer(PppPair.serverSettings().build(), SERVER_MAGIC);

    /** LCP both ways, as on the wire in §11 (MRU 1400 from "-m 1400"). */
    private void openLcp() {
        List<String> first = server.open();
        assertEquals(List.of("c0 21 01 01 00 0a 05 06 a7 90 2a 6e"), first);
        byte[] framed = new byte[18];
        FortiFrame.writeHeader(framed, 0, 12);
        System.arraycopy(Hex.bytes(first.getFirst()), 0, framed, 6, 12);
        assertEquals(FortiFrameTest.NOTES_EXAMPLE, Hex.of(framed), "§5: the notes' example frame");

        assertEquals(List.of("c0 21 02 01 00 0e 01 04 05 78 05 06 " + OC_MAGIC),
                server.receive("ff 03 c0 21 01 01 00 0e 01 04 05 78 05 06 " + OC_MAGIC));
        // §9: the server must send its own IPCP Configure-Request once LCP is open.
        assertEquals(List.of("80 21 01 01 00 0a 03 06 c6 12 00 01"),
                server.receive("ff 03 c0 21 02 01 00 0a 05 06 a7 90 2a 6e"));
    }

    @Test
    @DisplayName("§6: no DNS in the XML: NBNS 130/132 rejected, DNS 129/131 Nak'ed, then the address alone Ack'ed")
    void withoutDnsInXml() {
        openLcp();
        assertEquals(List.of("80 21 04 01 00 10 82 06 00 00 00 00 84 06 00 00 00 00"),
                server.receive("ff 03 80 21 01 01 00 22 03 06 c6 12 00 02 81 06 00 00 00 00 82 06 00 00 00 00"
                        + " 83 06 00 00 00 00 84 06 00 00 00 00"));
        assertEquals(List.of("80 21 03 02 00 10 81 06 c6 12 00 35 83 06 c6 12 00 36"),
                server.receive("ff 03 80 21 01 02 00 16 03 06 c6 12 00 02 81 06 00 00 00 00 83 06 00 00 00 00"));
        assertEquals(List.of(), server.receive("ff 03 80 21 02 01 00 0a 03 06 c6 12 00 01"));
        // §6 (verified): OpenConnect adopts the Nak'ed DNS and leaves those options out of its next request.
        assertEquals(List.of("80 21 02 03 00 0a 03 06 c6 12 00 02"),
                server.receive("ff 03 80 21 01 03 00 0a 03 06 c6 12 00 02"));
        assertEquals(List.of(new NetworkParameters(GATEWAY, CLIENT, List.of(DNS1, DNS2), 1400, false, 0, 0)), server.up);
        assertTrue(server.endpoint.ipv4Open());
    }

    @Test
    @DisplayName("§6, §12: a client that keeps the Nak'ed DNS values in its request gets them Ack'ed")
    void dnsValuesKept() {
        openLcp();
        server.receive("ff 03 80 21 01 01 00 16 03 06 c6 12 00 02 81 06 00 00 00 00 83 06 00 00 00 00");
        server.receive("ff 03 80 21 02 01 00 0a 03 06 c6 12 00 01");
        assertEquals(List.of("80 21 02 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"),
                server.receive("ff 03 80 21 01 02 00 16 03 06 c6 12 00 02 81 06 c6 12 00 35 83 06 c6 12 00 36"));
        assertEquals(1, server.up.size());
    }

    @Test
    @DisplayName("§6: the XML address differs from the assigned one, or is 0.0.0.0: Nak'ed to the assigned address")
    void addressNak() {
        openLcp();
        assertEquals(List.of("80 21 03 01 00 0a 03 06 c6 12 00 02"),
                server.receive("ff 03 80 21 01 01 00 0a 03 06 c6 12 00 63"));
        assertEquals(List.of("80 21 03 02 00 0a 03 06 c6 12 00 02"),
                server.receive("ff 03 80 21 01 02 00 0a 03 06 00 00 00 00"));
        assertEquals(List.of("80 21 03 03 00 0a 03 06 c6 12 00 02"),
                server.receive("ff 03 80 21 01 03 00 04"), "RFC 1661 §5.3: a missing IP-Address is asked for");
    }

    @Test
    @DisplayName("§6, quirk 9: IPv6CP is Protocol-Rejected, IPv6 data dropped; echo answered with our magic; TermReq Ack'ed")
    void ipv6EchoAndTerminate() {
        openLcp();
        server.receive("ff 03 80 21 01 01 00 0a 03 06 c6 12 00 02");
        server.receive("ff 03 80 21 02 01 00 0a 03 06 c6 12 00 01");
        assertEquals(1, server.up.size());
        assertEquals(List.of("c0 21 08 02 00 14 80 57 01 01 00 0e 01 0a 00 00 00 00 00 00 00 02"),
                server.receive("ff 03 80 57 01 01 00 0e 01 0a 00 00 00 00 00 00 00 02"));
        assertEquals(List.of(), server.receive("ff 03 00 57 60 00 00 00 00 00 3b 40"));
        // §7: DPD Echo-Request carries the client's magic; the reply carries ours.
        assertEquals(List.of("c0 21 0a 05 00 08 a7 90 2a 6e"),
                server.receive("ff 03 c0 21 09 05 00 08 " + OC_MAGIC));
        assertEquals(List.of(), server.receive("ff 03 c0 21 0b 06 00 08 " + OC_MAGIC));
        assertEquals(List.of("c0 21 06 07 00 04"), server.receive("ff 03 c0 21 05 07 00 04"));
        assertEquals(List.of("PEER_TERMINATE: "), server.down);
        // Quirk 8: the endpoint does not close anything; it waits, sending nothing, until the owner closes.
        assertEquals(List.of(), server.advance(Duration.ofSeconds(30).toNanos()));
        assertEquals(0, server.endpoint.malformedFrames());
    }

    @Test
    @DisplayName("§6: OpenConnect Naks a server MRU below its MTU with its own value; the server adopts it")
    void mruNakAdopted() {
        ScriptedPeer server = new ScriptedPeer(PppPair.serverSettings().mru(1400).build(), SERVER_MAGIC);
        assertEquals(List.of("c0 21 01 01 00 0e 01 04 05 78 05 06 a7 90 2a 6e"), server.open());
        assertEquals(List.of("c0 21 01 02 00 0e 01 04 05 dc 05 06 a7 90 2a 6e"),
                server.receive("ff 03 c0 21 03 01 00 08 01 04 05 dc"));
        assertEquals(List.of("c0 21 02 01 00 0e 01 04 05 dc 05 06 " + OC_MAGIC),
                server.receive("ff 03 c0 21 01 01 00 0e 01 04 05 dc 05 06 " + OC_MAGIC));
        assertEquals(List.of("80 21 01 01 00 0a 03 06 c6 12 00 01"),
                server.receive("ff 03 c0 21 02 02 00 0e 01 04 05 dc 05 06 a7 90 2a 6e"));
    }

    @Test
    @DisplayName("RFC 1661 §6.1: an MRU Nak'ed below 576, or rejected, is no longer requested")
    void mruNakTooSmallOrRejected() {
        ScriptedPeer small = new ScriptedPeer(PppPair.serverSettings().mru(1400).build(), SERVER_MAGIC);
        small.open();
        assertEquals(List.of("c0 21 01 02 00 0a 05 06 a7 90 2a 6e"), small.receive("c0 21 03 01 00 08 01 04 01 00"));
        ScriptedPeer rejected = new ScriptedPeer(PppPair.serverSettings().mru(1400).build(), SERVER_MAGIC);
        rejected.open();
        assertEquals(List.of("c0 21 01 02 00 0a 05 06 a7 90 2a 6e"), rejected.receive("c0 21 04 01 00 08 01 04 05 78"));
    }

    @Test
    @DisplayName("§6 openfortivpn/pppd: auth and quality rejected unchanged, VJ rejected, 0.0.0.0 Nak'ed, CCP Protocol-Rejected")
    void pppdStyleClient() {
        server.open();
        // An auth protocol (CHAP MD5), a quality protocol (LQR), an unknown option and MRU 1354: reject all but MRU.
        assertEquals(List.of("c0 21 04 01 00 13 03 05 c2 23 05 04 08 c0 25 00 00 0b b8 21 02"),
                server.receive("c0 21 01 01 00 1d 01 04 05 4a 03 05 c2 23 05 04 08 c0 25 00 00 0b b8 21 02"
                        + " 05 06 01 02 03 04"));
        // RFC 1661 §5.8: an Echo-Request before LCP is Opened is silently discarded.
        assertEquals(List.of(), server.receive("c0 21 09 01 00 08 01 02 03 04"));
        assertEquals(List.of("c0 21 02 02 00 0e 01 04 05 4a 05 06 01 02 03 04"),
                server.receive("c0 21 01 02 00 0e 01 04 05 4a 05 06 01 02 03 04"));
        server.receive("c0 21 02 01 00 0a 05 06 a7 90 2a 6e");
        assertEquals(List.of("80 21 04 01 00 0a 02 06 00 2d 0f 01"),
                server.receive("80 21 01 01 00 10 02 06 00 2d 0f 01 03 06 00 00 00 00"));
        assertEquals(List.of("80 21 03 02 00 0a 03 06 c6 12 00 02"),
                server.receive("80 21 01 02 00 0a 03 06 00 00 00 00"));
        assertEquals(List.of("c0 21 08 02 00 0a 80 fd 01 01 00 04"), server.receive("80 fd 01 01 00 04"));
        assertEquals(List.of("80 21 02 03 00 0a 03 06 c6 12 00 02"),
                server.receive("80 21 01 03 00 0a 03 06 c6 12 00 02"));
        assertEquals(List.of(), server.receive("80 21 02 01 00 0a 03 06 c6 12 00 01"));
        assertEquals(List.of(new NetworkParameters(GATEWAY, CLIENT, List.of(DNS1, DNS2), 1354, false, 0, 0)), server.up);
    }
}
