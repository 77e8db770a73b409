package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.fortivpn.ppp.StateTable.Event;
import dev.quetzal.fortivpn.ppp.StateTable.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Option negotiation automaton (RFC 1661 §4)")
final class ControlProtocolTest {
    /** RFC 1661 §4.1, both halves side by side, as printed (footnote letters r, p, x carry no action). */
    private static final String TABLE = """
                  | Initial   Starting  Closed    Stopped       Closing   Stopping  Req-Sent  Ack-Rcvd  Ack-Sent  Opened
             Up   |    2     irc,scr/6     -         -             -         -         -         -         -         -
             Down |    -         -         0       tls/1           0         1         1         1         1       tld/1
             Open |  tls/1       1     irc,scr/6     3r            5r        5r        6         7         8         9r
             Close|    0       tlf/0       2         2             4         4     irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4
              TO+ |    -         -         -         -           str/4     str/5     scr/6     scr/6     scr/8       -
              TO- |    -         -         -         -           tlf/2     tlf/3     tlf/3p    tlf/3p    tlf/3p      -
             RCR+ |    -         -       sta/2 irc,scr,sca/8       4         5       sca/8   sca,tlu/9   sca/8 tld,scr,sca/8
             RCR- |    -         -       sta/2 irc,scr,scn/6       4         5       scn/6     scn/7     scn/6 tld,scr,scn/6
             RCA  |    -         -       sta/2     sta/3           4         5       irc/7     scr/6x  irc,tlu/9 tld,scr/6x
             RCN  |    -         -       sta/2     sta/3           4         5     irc,scr/6   scr/6x  irc,scr/8 tld,scr/6x
             RTR  |    -         -       sta/2     sta/3         sta/4     sta/5     sta/6     sta/6     sta/6 tld,zrc,sta/5
             RTA  |    -         -         2         3           tlf/2     tlf/3       6         6         8     tld,scr/6
             RUC  |    -         -       scj/2     scj/3         scj/4     scj/5     scj/6     scj/7     scj/8     scj/9
             RXJ+ |    -         -         2         3             4         5         6         6         8         9
             RXJ- |    -         -       tlf/2     tlf/3         tlf/2     tlf/3     tlf/3     tlf/3     tlf/3 tld,irc,str/5
             RXR  |    -         -         2         3             4         5         6         7         8       ser/9
            """;

    private static final int MAX_CONFIGURE = 10;
    private static final int MAX_TERMINATE = 2;
    private static final long RESTART = Duration.ofSeconds(3).toNanos();
    /** Where the forced restart counter starts, so irc, zrc and each send show in the count. */
    private static final int FORCED_COUNT = 5;

    private static final ConfigOption GOOD = new ConfigOption(1, new byte[] {0, 1});
    private static final ConfigOption NAKKED = new ConfigOption(2, new byte[] {7});
    private static final ConfigOption BAD = new ConfigOption(3, new byte[] {9});

    /** Records the automaton's actions in RFC 1661 §4.4 names. */
    static final class Recorder implements ControlProtocol.Layer, ControlProtocol.Output {
        final List<String> actions = new ArrayList<>();
        final List<ControlPacket> sent = new ArrayList<>();

        @Override public void up() { actions.add("tlu"); }
        @Override public void down() { actions.add("tld"); }
        @Override public void started() { actions.add("tls"); }
        @Override public void finished() { actions.add("tlf"); }

        @Override
        public void send(int protocol, ControlPacket packet) {
            sent.add(packet);
            actions.add(switch (packet.code()) {
                case ControlPacket.CONFIGURE_REQUEST -> "scr";
                case ControlPacket.CONFIGURE_ACK -> "sca";
                case ControlPacket.CONFIGURE_NAK, ControlPacket.CONFIGURE_REJECT -> "scn";
                case ControlPacket.TERMINATE_REQUEST -> "str";
                case ControlPacket.TERMINATE_ACK -> "sta";
                case ControlPacket.CODE_REJECT -> "scj";
                default -> "code " + packet.code();
            });
        }

        @Override
        public void echo(ControlPacket request) {
            actions.add("ser");
        }

        ControlPacket last() {
            return sent.getLast();
        }

        ControlPacket lastRequest() {
            return sent.reversed().stream()
                    .filter(p -> p.code() == ControlPacket.CONFIGURE_REQUEST).findFirst().orElseThrow();
        }

        void clear() {
            actions.clear();
            sent.clear();
        }
    }

    /** Requests GOOD; accepts GOOD, Naks NAKKED, rejects the rest; a Nak or Reject fails when told to. */
    static final class ScriptedPolicy implements OptionPolicy {
        List<ConfigOption> request = List.of(GOOD);
        final List<List<ConfigOption>> peerAcked = new ArrayList<>();
        final List<List<ConfigOption>> requestAcked = new ArrayList<>();
        String failWith;
        List<ConfigOption> missing = List.of();

        @Override public List<ConfigOption> requestOptions() { return request; }

        @Override
        public Verdict judge(ConfigOption option) {
            return switch (option.type()) {
                case 1 -> Verdict.ACCEPT;
                case 2 -> new Verdict.Nak(new ConfigOption(2, new byte[] {8}));
                default -> Verdict.REJECT;
            };
        }

        @Override public List<ConfigOption> missing(List<ConfigOption> options) { return missing; }
        @Override public void peerAcked(List<ConfigOption> options) { peerAcked.add(options); }
        @Override public void requestAcked(List<ConfigOption> options) { requestAcked.add(options); }

        @Override
        public Outcome applyNak(List<ConfigOption> suggested) {
            return failWith != null ? new Outcome.Fail(failWith) : Outcome.RETRY;
        }

        @Override
        public Outcome applyReject(List<ConfigOption> rejected) {
            return applyNak(rejected);
        }
    }

    private final Recorder recorder = new Recorder();
    private final ScriptedPolicy policy = new ScriptedPolicy();
    private final ControlProtocol fsm = new ControlProtocol(PppProtocol.LCP, policy, recorder, recorder, () -> 1500,
            PppSettings.client(new Ipv4Address(0x0a000002))
                    .restart(Duration.ofSeconds(3), MAX_CONFIGURE, MAX_TERMINATE).build());

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        String[] lines = TABLE.strip().split("\n");
        State[] states = State.values();
        for (int row = 1; row < lines.length; row++) {
            String[] halves = lines[row].split("\\|");
            Event event = eventNamed(halves[0].strip());
            String[] entries = halves[1].strip().split("\\s+");
            assertEquals(states.length, entries.length, "row " + halves[0]);
            for (int column = 0; column < states.length; column++) {
                cells.add(Arguments.of(states[column], event, entries[column]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "§4.1 {0} + {1} -> {2}")
    @MethodSource("cells")
    @DisplayName("RFC 1661 §4.1: every cell of the state transition table")
    void stateTransitionTable(State state, Event event, String cell) {
        fsm.open(0);
        fsm.up(0);
        ControlPacket request = recorder.lastRequest();
        recorder.clear();
        boolean timeout = event == Event.TO_PLUS || event == Event.TO_MINUS;
        fsm.force(state, event == Event.TO_MINUS ? 0 : FORCED_COUNT, 0);

        apply(event, request);

        if (cell.equals("-")) {
            assertEquals(List.of(), recorder.actions, "an illegal event does nothing");
            assertEquals(state, fsm.state());
            return;
        }
        String[] parts = cell.split("/");
        List<String> expected = parts.length == 2 ? List.of(parts[0].split(",")) : List.of();
        State next = State.values()[Integer.parseInt(parts[parts.length - 1].replaceAll("[rpx]", ""))];
        List<String> observable = expected.stream().filter(a -> !a.equals("irc") && !a.equals("zrc")).toList();
        assertEquals(observable, recorder.actions);
        assertEquals(next, fsm.state());
        assertEquals(expectedCount(expected, timeout && event == Event.TO_MINUS ? 0 : FORCED_COUNT),
                fsm.restartCount(), "restart counter after " + expected);
        boolean timerExpected = next.timed()
                && (expected.contains("scr") || expected.contains("str") || expected.contains("zrc") || !timeout);
        assertEquals(timerExpected, fsm.timerRunning(), "restart timer");
    }

    /** RFC 1661 §4.4: irc sets Max-Configure (Max-Terminate before str), zrc zero, each scr or str counts down. */
    private static int expectedCount(List<String> actions, int start) {
        int count = start;
        for (int i = 0; i < actions.size(); i++) {
            switch (actions.get(i)) {
                case "irc" -> count = actions.contains("str") ? MAX_TERMINATE : MAX_CONFIGURE;
                case "zrc" -> count = 0;
                case "scr", "str" -> count--;
                default -> { }
            }
        }
        return count;
    }

    private void apply(Event event, ControlPacket request) {
        switch (event) {
            case UP -> fsm.up(0);
            case DOWN -> fsm.down(0);
            case OPEN -> fsm.open(0);
            case CLOSE -> fsm.close(0);
            case TO_PLUS, TO_MINUS -> fsm.tick(RESTART);
            case RCR_PLUS -> receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 77, List.of(GOOD)));
            case RCR_MINUS -> receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 77, List.of(GOOD, BAD)));
            case RCA -> receive(new ControlPacket(ControlPacket.CONFIGURE_ACK, request.identifier(), request.data()));
            case RCN -> receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, request.identifier(), List.of(GOOD)));
            case RTR -> receive(new ControlPacket(ControlPacket.TERMINATE_REQUEST, 78, new byte[0]));
            case RTA -> receive(new ControlPacket(ControlPacket.TERMINATE_ACK, 79, new byte[0]));
            case RUC -> receive(new ControlPacket(42, 80, new byte[] {1, 2}));
            case RXJ_PLUS -> receive(new ControlPacket(ControlPacket.CODE_REJECT, 81,
                    new byte[] {ControlPacket.ECHO_REQUEST, 1, 0, 8, 0, 0, 0, 0}));
            case RXJ_MINUS -> receive(new ControlPacket(ControlPacket.CODE_REJECT, 82,
                    new byte[] {ControlPacket.CONFIGURE_REQUEST, 1, 0, 4}));
            case RXR -> receive(new ControlPacket(ControlPacket.ECHO_REQUEST, 83, new byte[] {0, 0, 0, 0}));
        }
    }

    private void receive(ControlPacket packet) {
        assertTrue(fsm.receive(packet, 0), "well formed");
    }

    private static Event eventNamed(String name) {
        for (Event event : Event.values()) {
            if (event.rfcName.equals(name)) {
                return event;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Brings the automaton to Opened the ordinary way: Open, Up, the peer's request, the peer's Ack. */
    private ControlPacket open() {
        fsm.open(0);
        fsm.up(0);
        ControlPacket request = recorder.lastRequest();
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 1, List.of(GOOD)));
        receive(new ControlPacket(ControlPacket.CONFIGURE_ACK, request.identifier(), request.data()));
        assertEquals(State.OPENED, fsm.state());
        return request;
    }

    @Test
    @DisplayName("RFC 1661 §4.1: Initial + Open, Up, RCR+, RCA walks Starting, Req-Sent, Ack-Sent, Opened")
    void opensTheOrdinaryWay() {
        Map<String, State> walk = new LinkedHashMap<>();
        fsm.open(0);
        walk.put("Open", fsm.state());
        fsm.up(0);
        walk.put("Up", fsm.state());
        ControlPacket request = recorder.lastRequest();
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 1, List.of(GOOD)));
        walk.put("RCR+", fsm.state());
        receive(new ControlPacket(ControlPacket.CONFIGURE_ACK, request.identifier(), request.data()));
        walk.put("RCA", fsm.state());
        assertEquals(Map.of("Open", State.STARTING, "Up", State.REQ_SENT, "RCR+", State.ACK_SENT, "RCA", State.OPENED),
                walk);
        assertEquals(List.of("tls", "scr", "sca", "tlu"), recorder.actions);
        assertEquals(List.of(List.of(GOOD)), policy.peerAcked);
        assertEquals(List.of(List.of(GOOD)), policy.requestAcked);
        assertFalse(fsm.timerRunning(), "§4.2: no timer in Opened");
    }

    @Test
    @DisplayName("RFC 1661 §5.2: the Ack repeats the request byte for byte, with its identifier")
    void ackCopiesRequest() {
        fsm.open(0);
        fsm.up(0);
        byte[] data = ConfigOption.encodeAll(List.of(GOOD, new ConfigOption(1, new byte[] {0, 2})));
        receive(new ControlPacket(ControlPacket.CONFIGURE_REQUEST, 0x33, data));
        assertEquals(new ControlPacket(ControlPacket.CONFIGURE_ACK, 0x33, data), recorder.last());
    }

    @Test
    @DisplayName("RFC 1661 §5.4 over §5.3: Reject lists only rejected options unchanged; Nak carries suggestions")
    void rejectBeforeNak() {
        fsm.open(0);
        fsm.up(0);
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 5, List.of(GOOD, NAKKED, BAD)));
        assertEquals(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, 5, List.of(BAD)), recorder.last());
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 6, List.of(GOOD, NAKKED)));
        assertEquals(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, 6, List.of(new ConfigOption(2, new byte[] {8}))),
                recorder.last());
        assertEquals(State.REQ_SENT, fsm.state());
    }

    @Test
    @DisplayName("RFC 1661 §5.3: options the peer left out may be appended to a Nak")
    void nakPromptsMissingOptions() {
        policy.missing = List.of(new ConfigOption(9, new byte[] {1, 2, 3, 4}));
        fsm.open(0);
        fsm.up(0);
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 5, List.of(GOOD)));
        assertEquals(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, 5, policy.missing), recorder.last());
    }

    @Test
    @DisplayName("RFC 1661 §4.6 Max-Failure: after 5 Naks without an Ack, the option is rejected instead")
    void maxFailureTurnsNakIntoReject() {
        fsm.open(0);
        fsm.up(0);
        for (int i = 0; i < ControlProtocol.MAX_FAILURE; i++) {
            receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, i, List.of(NAKKED)));
            assertEquals(ControlPacket.CONFIGURE_NAK, recorder.last().code());
        }
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 9, List.of(NAKKED)));
        assertEquals(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, 9, List.of(NAKKED)), recorder.last());
    }

    @Test
    @DisplayName("RFC 1661 §5.2: an Ack with another identifier or other options is discarded")
    void discardsMismatchedAck() {
        fsm.open(0);
        fsm.up(0);
        ControlPacket request = recorder.lastRequest();
        recorder.clear();
        receive(new ControlPacket(ControlPacket.CONFIGURE_ACK, (request.identifier() + 1) & 0xFF, request.data()));
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_ACK, request.identifier(), List.of(BAD)));
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, (request.identifier() + 1) & 0xFF, List.of(GOOD)));
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, (request.identifier() + 9) & 0xFF, List.of(GOOD)));
        assertEquals(List.of(), recorder.actions);
        assertEquals(State.REQ_SENT, fsm.state());
        assertEquals(List.of(), policy.requestAcked);
    }

    @Test
    @DisplayName("RFC 1661 §5.2: only the first reply to a request counts; a duplicate Ack does not bounce Opened")
    void duplicateAckIgnored() {
        ControlPacket request = open();
        recorder.clear();
        receive(new ControlPacket(ControlPacket.CONFIGURE_ACK, request.identifier(), request.data()));
        assertEquals(State.OPENED, fsm.state());
        assertEquals(List.of(), recorder.actions);
    }

    @Test
    @DisplayName("RFC 1661 §5.4: a Configure-Reject naming options we did not request is malformed")
    void rejectOfUnrequestedOption() {
        fsm.open(0);
        fsm.up(0);
        ControlPacket request = recorder.lastRequest();
        recorder.clear();
        assertFalse(fsm.receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, request.identifier(),
                List.of(BAD)), 0));
        assertFalse(fsm.receive(new ControlPacket(ControlPacket.CONFIGURE_NAK, request.identifier(), new byte[] {1}), 0));
        assertFalse(fsm.receive(new ControlPacket(ControlPacket.CONFIGURE_REQUEST, 3, new byte[] {1, 9}), 0));
        assertEquals(List.of(), recorder.actions);
        assertEquals(State.REQ_SENT, fsm.state());
    }

    @Test
    @DisplayName("RFC 1661 §4.6, §5.1: retransmissions keep the identifier; a request after a reply gets a new one")
    void identifiers() {
        fsm.open(0);
        fsm.up(0);
        int first = recorder.lastRequest().identifier();
        fsm.tick(RESTART);
        assertEquals(first, recorder.lastRequest().identifier(), "TO+ retransmission");
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, first, List.of(GOOD)));
        int second = recorder.lastRequest().identifier();
        assertTrue(second != first, "RCN: a new request");
        policy.request = List.of(GOOD, NAKKED);
        fsm.tick(2 * RESTART);
        assertTrue(recorder.lastRequest().identifier() != second, "changed options: a new identifier");
    }

    @Test
    @DisplayName("RFC 1661 §4.6: Max-Configure requests, one per restart interval, then TO- and This-Layer-Finished")
    void restartTimerGivesUp() {
        fsm.open(0);
        fsm.up(0);
        for (long t = RESTART - 1; t < 20 * RESTART; t += RESTART / 3) {
            fsm.tick(t);
        }
        long requests = recorder.actions.stream().filter("scr"::equals).count();
        assertEquals(MAX_CONFIGURE, requests);
        assertEquals(List.of("tls", "tlf"), recorder.actions.stream().filter(a -> a.startsWith("tl")).toList());
        assertEquals(State.STOPPED, fsm.state());
        assertEquals(Event.TO_MINUS, fsm.finishedBy());
        assertEquals("no reply to 10 Configure-Requests", fsm.failure());
    }

    @Test
    @DisplayName("RFC 1661 §4.1 Close from Opened: Max-Terminate Terminate-Requests, then TO- to Closed")
    void terminateGivesUp() {
        open();
        fsm.terminateData("bye".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        recorder.clear();
        fsm.close(0);
        fsm.tick(RESTART);
        fsm.tick(2 * RESTART);
        assertEquals(List.of("tld", "str", "str", "tlf"), recorder.actions);
        assertEquals("62 79 65", Hex.of(recorder.sent.getFirst().data()));
        assertEquals(State.CLOSED, fsm.state());
        assertEquals("no Terminate-Ack after 2 Terminate-Requests", fsm.failure());
    }

    @Test
    @DisplayName("RFC 1661 §4.1 RCN: a peer that never stops Nak'ing fails after Max-Configure rounds")
    void nakLoopDoesNotConverge() {
        fsm.open(0);
        fsm.up(0);
        for (int i = 0; i <= MAX_CONFIGURE; i++) {
            ControlPacket request = recorder.lastRequest();
            receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, request.identifier(), List.of(GOOD)));
        }
        assertEquals(State.STOPPED, fsm.state());
        assertEquals("tlf", recorder.actions.getLast());
        assertTrue(fsm.failure().startsWith("options did not converge"), fsm.failure());
    }

    @Test
    @DisplayName("RFC 1661 §4.1 RCN: a policy that cannot accept the Nak finishes the layer at once")
    void policyFailure() {
        policy.failWith = "address refused";
        open();
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REQUEST, 2, List.of(GOOD)));
        ControlPacket request = recorder.lastRequest();
        recorder.clear();
        receive(ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, request.identifier(), List.of(GOOD)));
        assertEquals(List.of("tlf"), recorder.actions);
        assertEquals(State.STOPPED, fsm.state());
        assertEquals("address refused", fsm.failure());
    }

    @Test
    @DisplayName("RFC 1661 §5.6: a Code-Reject carries the rejected packet, cut to the peer's MRU")
    void codeRejectTruncated() {
        ControlProtocol small = new ControlProtocol(PppProtocol.IPCP, policy, recorder, recorder, () -> 10,
                PppSettings.client(new Ipv4Address(1)).build());
        small.open(0);
        small.up(0);
        recorder.clear();
        assertTrue(small.receive(new ControlPacket(14, 0x21, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 0));
        ControlPacket reject = recorder.last();
        assertEquals(ControlPacket.CODE_REJECT, reject.code());
        assertEquals("0e 21 00 0c 01 02", Hex.of(reject.data()));
    }

    @Test
    @DisplayName("RFC 1661 §5.8: Echo codes are unknown to an NCP and get a Code-Reject there")
    void echoIsUnknownToNcp() {
        ControlProtocol ipcp = new ControlProtocol(PppProtocol.IPCP, policy, recorder, recorder, () -> 1500,
                PppSettings.client(new Ipv4Address(1)).build());
        ipcp.open(0);
        ipcp.up(0);
        recorder.clear();
        assertTrue(ipcp.receive(new ControlPacket(ControlPacket.ECHO_REQUEST, 4, new byte[4]), 0));
        assertEquals(List.of("scj"), recorder.actions);
    }
}
