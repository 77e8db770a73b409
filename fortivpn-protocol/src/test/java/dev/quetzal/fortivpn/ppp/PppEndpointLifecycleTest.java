package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Client and server endpoints back to back: keepalive, termination, rejects (RFC 1661 §5; fortivpn-protocol.md §7)")
final class PppEndpointLifecycleTest {
    private static final int CLIENT_MAGIC = 0x12345678;
    private static final int SERVER_MAGIC = 0xa7902a6e;
    private static final long START = 1_000_000_000L;

    private static PppPair openPair(PppSettings.Builder client, PppSettings.Builder server) {
        PppPair pair = new PppPair(client.build(), CLIENT_MAGIC, server.build(), SERVER_MAGIC);
        pair.open();
        assertTrue(pair.bothUp());
        return pair;
    }

    private static long seconds(long nanos) {
        return (nanos - START) / 1_000_000_000L;
    }

    @Test
    @DisplayName("fortivpn-protocol.md §7: on an idle link each side sends an Echo-Request (its magic) every interval; answered, nothing goes down")
    void echoKeepalive() {
        PppPair pair = openPair(PppPair.clientSettings().echo(Duration.ofSeconds(10), 3),
                PppPair.serverSettings().echo(Duration.ZERO, 3));
        pair.run(Duration.ofSeconds(65));
        List<String> requests = pair.client.sentStartingWith("c0 21 09");
        assertEquals(6, requests.size(), requests.toString());
        assertTrue(requests.stream().allMatch(frame -> frame.endsWith("00 08 12 34 56 78")), "data = our magic");
        List<String> replies = pair.server.sentStartingWith("c0 21 0a");
        assertEquals(6, replies.size());
        assertTrue(replies.stream().allMatch(frame -> frame.endsWith("00 08 a7 90 2a 6e")), "reply carries the server's magic");
        assertEquals(List.of(), pair.client.down);
        assertEquals(List.of(), pair.server.sentStartingWith("c0 21 09"), "echoInterval 0 sends none");
    }

    @Test
    @DisplayName("fortivpn-protocol.md §7: a peer that stops answering is dead after echoInterval x (echoFailures + 1)")
    void peerDead() {
        PppPair pair = openPair(PppPair.clientSettings().echo(Duration.ofSeconds(5), 2),
                PppPair.serverSettings().echo(Duration.ZERO, 3).answerEchoes(false));
        pair.run(Duration.ofSeconds(30));
        assertEquals(1, pair.client.down.size());
        assertTrue(pair.client.down.getFirst().startsWith("PEER_DEAD: no frame from the peer for 15"),
                pair.client.down.toString());
        assertEquals(15, seconds(pair.client.downAt));
        assertEquals(2, pair.client.sentStartingWith("c0 21 09").size());
        assertFalse(pair.client.endpoint.ipv4Open());
        assertTrue(pair.client.endpoint.describe().endsWith("link down (PEER_DEAD)"));
        assertEquals(List.of(), pair.server.down, "the server is only silent");
    }

    @Test
    @DisplayName("fortivpn-protocol.md §7: any received frame, data included, answers for the peer (frameReceived)")
    void dataFramesKeepPeerAlive() {
        PppPair pair = openPair(PppPair.clientSettings().echo(Duration.ofSeconds(5), 2),
                PppPair.serverSettings().echo(Duration.ZERO, 3).answerEchoes(false));
        for (int i = 0; i < 12; i++) {
            pair.run(Duration.ofSeconds(4));
            pair.client.inject("00 21 45 00 00 14 00 00 00 00 40 01 00 00 c6 12 00 01 c6 12 00 02");
            pair.pump();
        }
        assertEquals(List.of(), pair.client.down);
        assertEquals(List.of(), pair.client.sentStartingWith("c0 21 09"), "never idle for 5 s");
        pair.run(Duration.ofSeconds(16));
        assertEquals(1, pair.client.down.size());
    }

    @Test
    @DisplayName("RFC 1661 §5.5, fortivpn-protocol.md §7: the client terminates; the server Acks and reports PEER_TERMINATE")
    void clientTerminates() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        pair.client.endpoint.terminate("user logout", pair.now);
        pair.pump();
        assertEquals(List.of("c0 21 05 02 00 0f 75 73 65 72 20 6c 6f 67 6f 75 74"), pair.client.sentStartingWith("c0 21 05"));
        assertEquals(List.of("c0 21 06 02 00 04"), pair.server.sentStartingWith("c0 21 06"));
        assertEquals(List.of("PEER_TERMINATE: user logout"), pair.server.down);
        assertEquals(List.of("LOCAL_TERMINATE: user logout (Terminate-Ack received)"), pair.client.down);
        assertFalse(pair.client.endpoint.ipv4Open() || pair.server.endpoint.ipv4Open());
        // Quirk 8: the server waits for the client to close; meanwhile it still Acks a retransmission.
        pair.server.inject("c0 21 05 07 00 04");
        pair.pump();
        assertEquals(List.of("c0 21 06 02 00 04", "c0 21 06 07 00 04"), pair.server.sentStartingWith("c0 21 06"));
        pair.run(Duration.ofSeconds(60));
        assertEquals(1, pair.server.down.size());
        assertEquals(1, pair.client.down.size());
        assertEquals(List.of(), pair.server.sentStartingWith("c0 21 09"), "no echoes on a finished link");
    }

    @Test
    @DisplayName("fortivpn-protocol.md §7: the server terminates with a reason text; the client reports it")
    void serverTerminates() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        pair.server.endpoint.terminate("session timeout", pair.now);
        pair.pump();
        assertEquals(List.of("PEER_TERMINATE: session timeout"), pair.client.down);
        assertEquals(List.of("LOCAL_TERMINATE: session timeout (Terminate-Ack received)"), pair.server.down);
        assertEquals("LCP Stopping, IPCP Starting, IPv6CP off, link down (PEER_TERMINATE)",
                pair.client.endpoint.describe());
    }

    @Test
    @DisplayName("RFC 1661 §4.1 Closing: an unanswered Terminate-Request is sent maxTerminate times, every restart interval")
    void terminateUnanswered() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        pair.client.lose = frame -> true;
        long start = pair.now;
        pair.client.endpoint.terminate("bye", pair.now);
        pair.run(Duration.ofSeconds(10));
        assertEquals(2, pair.client.sentStartingWith("c0 21 05").size());
        assertEquals(List.of("LOCAL_TERMINATE: bye (no Terminate-Ack after 2 Terminate-Requests)"), pair.client.down);
        assertEquals(6, (pair.client.downAt - start) / 1_000_000_000L);
        pair.client.endpoint.terminate("again", pair.now);
        assertEquals(1, pair.client.down.size(), "linkDown at most once");
    }

    @Test
    @DisplayName("RFC 1661 §5.7: the peer's terminate text is cut to printable characters, at most 200")
    void peerReasonSanitised() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        StringBuilder data = new StringBuilder("c0 21 05 09 01 0a 41 07 0a 1b c3 a9 ff");
        for (int i = 0; i < 255; i++) {
            data.append(" 7a");
        }
        pair.client.inject(data.toString());
        pair.pump();
        String reason = pair.client.down.getFirst().substring("PEER_TERMINATE: ".length());
        assertEquals("A\u00e9" + "z".repeat(198), reason);
    }

    @Test
    @DisplayName("RFC 1661 §5.7: CCP and unknown protocols get a Protocol-Reject with the packet, cut to the peer's MRU")
    void protocolRejects() {
        PppPair pair = openPair(PppPair.clientSettings().mru(600), PppPair.serverSettings());
        pair.server.inject("80 fd 01 01 00 04");
        StringBuilder big = new StringBuilder("82 07");
        for (int i = 0; i < 1000; i++) {
            big.append(" 5a");
        }
        pair.server.inject(big.toString());
        pair.server.inject("00 2d 01 02 03");
        pair.server.inject("ff 03 3d 01 02");
        pair.server.inject("21 45 00 00 14");
        pair.pump();
        List<String> rejects = pair.server.sentStartingWith("c0 21 08");
        assertEquals("c0 21 08 02 00 0a 80 fd 01 01 00 04", rejects.get(0));
        assertEquals(2 + 600, Hex.bytes(rejects.get(1)).length, "the whole LCP packet fits the client's MRU of 600");
        assertTrue(rejects.get(1).startsWith("c0 21 08 03 02 58 82 07 5a 5a"));
        assertEquals("c0 21 08 04 00 09 00 2d 01 02 03", rejects.get(2));
        // RFC 1661 §6.5: a compressed 1-byte protocol field is rejected as its 2-byte value.
        assertEquals("c0 21 08 05 00 08 00 3d 01 02", rejects.get(3));
        assertEquals(4, rejects.size(), "compressed IPv4 data is never rejected");
        assertEquals(List.of(), pair.server.down);
    }

    @Test
    @DisplayName("RFC 1661 §5.7: the peer's Protocol-Reject of CCP is harmless; of IPCP it ends the link")
    void peerProtocolRejects() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        pair.client.inject("c0 21 08 09 00 0a 80 fd 01 01 00 04");
        pair.pump();
        assertEquals(List.of(), pair.client.down);
        pair.client.inject("c0 21 08 0a 00 0a 80 21 01 01 00 04");
        pair.pump();
        assertTrue(pair.client.down.getFirst().startsWith("NO_NETWORK_PROTOCOL: IPCP: the peer rejected IPCP"),
                pair.client.down.toString());
    }

    @Test
    @DisplayName("RFC 1661 §5.6: an unknown LCP code gets a Code-Reject; Discard-Request and Echo-Reply are taken quietly")
    void unknownCodes() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        int before = pair.client.sent.size();
        pair.client.inject("c0 21 2a 05 00 06 01 02");
        pair.client.inject("c0 21 0b 06 00 08 00 00 00 00");
        pair.client.inject("c0 21 0a 07 00 08 00 00 00 00");
        pair.client.inject("80 21 0c 08 00 04");
        pair.pump();
        assertEquals(List.of("c0 21 07 02 00 0a 2a 05 00 06 01 02", "80 21 07 03 00 08 0c 08 00 04"),
                pair.client.sent.subList(before, pair.client.sent.size()));
        assertEquals(0, pair.client.endpoint.malformedFrames());
    }

    @Test
    @DisplayName("RFC 1661 §5.6: a peer that Code-Rejects Echo-Request is not probed again and not declared dead")
    void echoCodeRejected() {
        PppPair pair = openPair(PppPair.clientSettings().echo(Duration.ofSeconds(5), 1),
                PppPair.serverSettings().echo(Duration.ZERO, 3).answerEchoes(false));
        pair.run(Duration.ofSeconds(5));
        assertEquals(1, pair.client.sentStartingWith("c0 21 09").size());
        pair.client.inject("c0 21 07 09 00 0c 09 03 00 08 12 34 56 78");
        pair.pump();
        pair.run(Duration.ofSeconds(60));
        assertEquals(1, pair.client.sentStartingWith("c0 21 09").size());
        assertEquals(List.of(), pair.client.down);
    }

    @Test
    @DisplayName("RFC 1661 §3.5: data and NCP packets before LCP opens are dropped, never rejected")
    void dataBeforeOpenDropped() {
        PppPair pair = new PppPair(PppPair.clientSettings().build(), CLIENT_MAGIC,
                PppPair.serverSettings().build(), SERVER_MAGIC);
        pair.server.endpoint.open(pair.now);
        pair.server.sent.clear();
        pair.server.inject("00 21 45 00 00 14");
        pair.server.inject("80 21 01 01 00 0a 03 06 c6 12 00 02");
        pair.server.inject("80 fd 01 01 00 04");
        pair.server.inject("80 57 01 01 00 04");
        pair.pump();
        assertEquals(List.of(), pair.server.sent);
        pair.client.endpoint.open(pair.now);
        pair.runUntil(pair::bothUp, Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("RFC 1661 §5: malformed frames are counted and dropped; random garbage never throws nor opens anything")
    void malformedFramesCounted() {
        PppPair pair = openPair(PppPair.clientSettings(), PppPair.serverSettings());
        PppEndpoint server = pair.server.endpoint;
        String state = server.describe();
        int sent = pair.server.sent.size();
        server.receiveFrame(new byte[] {(byte) 0xc0}, 0, 1, pair.now);
        server.receiveFrame(Hex.bytes("c0 21 01 01 00 02"), 0, 6, pair.now);
        server.receiveFrame(Hex.bytes("c0 21 01 01 00 09 05 06 00"), 0, 9, pair.now);
        server.receiveFrame(Hex.bytes("80 21 01 01 00 07 03 06 00"), 0, 9, pair.now);
        server.receiveFrame(Hex.bytes("c0 21 08 01 00 05 80"), 0, 7, pair.now);
        server.receiveFrame(Hex.bytes("c0 21 09 01 00 06 00 00"), 0, 8, pair.now);
        assertEquals(6, server.malformedFrames());
        assertEquals(state, server.describe());
        assertEquals(sent, pair.server.sent.size());

        SplittableRandom random = new SplittableRandom(1661);
        String[] prefixes = {"c0 21", "80 21", "80 57", "ff 03 c0 21", "21"};
        for (int i = 0; i < 20_000; i++) {
            byte[] prefix = Hex.bytes(prefixes[random.nextInt(prefixes.length)]);
            byte[] frame = new byte[prefix.length + random.nextInt(40)];
            random.nextBytes(frame);
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            if (frame.length > prefix.length && frame[prefix.length] == ControlPacket.TERMINATE_REQUEST) {
                continue; // a valid Terminate-Request would rightly end the link
            }
            pair.client.endpoint.receiveFrame(frame, 0, frame.length, pair.now);
        }
        assertTrue(pair.client.endpoint.malformedFrames() > 1000, "most garbage is malformed");
    }

    @Test
    @DisplayName("Logging: INFO for LCP opened, IPCP opened with its addresses, link down with its reason")
    void logsPhaseChanges() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.quetzal.fortivpn.ppp");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        try {
            PppPair pair = openPair(PppPair.clientSettings().mru(1400), PppPair.serverSettings());
            pair.client.endpoint.terminate("done", pair.now);
            pair.pump();
        } finally {
            logger.setLevel(previous);
            logger.setAdditive(true);
            logger.detachAppender(appender);
        }
        List<String> info = appender.list.stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("client")).toList();
        assertEquals(List.of(
                "client: LCP opened (our MRU 1400, peer MRU 1500)",
                "client: IPCP opened (local 198.18.0.2, peer 198.18.0.1, DNS [198.18.0.53, 198.18.0.54])",
                "client: LCP left Opened",
                "client: link down: LOCAL_TERMINATE (done (Terminate-Ack received))"), info);
        List<String> debug = appender.list.stream().filter(e -> e.getLevel() == Level.DEBUG)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(debug.contains("client: sent LCP ConfReq id=1 [MRU=1400 Magic=0x12345678]"), debug.toString());
        assertTrue(debug.contains("server: sent IPCP ConfNak id=1 [DNS1=198.18.0.53 DNS2=198.18.0.54]"), debug.toString());
        assertTrue(debug.contains("server: received LCP TermReq id=2 \"done\""), debug.toString());
    }
}
