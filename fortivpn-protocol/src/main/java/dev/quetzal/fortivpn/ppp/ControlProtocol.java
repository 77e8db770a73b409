package dev.quetzal.fortivpn.ppp;

import dev.quetzal.fortivpn.ppp.StateTable.Event;
import dev.quetzal.fortivpn.ppp.StateTable.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 1661 §4 option negotiation automaton, shared by LCP, IPCP and IPv6CP: the state table of
 * §4.1, the restart timer and counter of §4.6 (driven by {@link #tick}), and the identifier checks of
 * §5.2 (a reply must answer the last Configure-Request, and only once). What is negotiated is the
 * {@link OptionPolicy}'s business. Not thread-safe: {@link PppEndpoint} calls it under its lock.
 */
final class ControlProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(ControlProtocol.class);

    /** RFC 1661 §4.6 Max-Failure: Configure-Naks sent without an Ack before we reject instead. */
    static final int MAX_FAILURE = 5;

    /** The layer actions of RFC 1661 §4.4: tlu, tld, tls, tlf. */
    interface Layer {
        void up();

        void down();

        void started();

        void finished();
    }

    /** Where packets go, and where an Echo-Request is answered (the ser action belongs to LCP only). */
    interface Output {
        void send(int protocol, ControlPacket packet);

        default void echo(ControlPacket request) {}
    }

    private final int protocol;
    private final String name;
    private final OptionPolicy policy;
    private final Layer layer;
    private final Output output;
    private final IntSupplier peerMru;
    private final long restartNanos;
    private final int maxConfigure;
    private final int maxTerminate;

    private State state = State.INITIAL;
    private long now;
    private int restartCount;
    private boolean timerRunning;
    private long timerDeadline;
    /** Identifiers start at 1, as pppd's and the notes' example (fortivpn-protocol.md §5) do. */
    private int nextIdentifier = 1;

    /** Our last Configure-Request, to match replies against (RFC 1661 §5.2). */
    private int requestId = -1;
    private byte[] requestData;
    private List<ConfigOption> requestOptions = List.of();
    /** A valid reply to {@link #requestId} arrived; later copies are discarded. */
    private boolean replied;

    /** The packet that raised the current receive event: its identifier is answered. */
    private ControlPacket received;
    /** The Configure-Ack, -Nak or -Reject that sca or scn sends for the current RCR event. */
    private ControlPacket reply;
    private List<ConfigOption> replyOptions = List.of();
    private Event currentEvent;

    private int naksSent;
    private int failures;
    private byte[] terminateData = new byte[0];
    private String failure = "";
    private Event finishedBy;

    ControlProtocol(int protocol, OptionPolicy policy, Layer layer, Output output, IntSupplier peerMru,
            PppSettings settings) {
        this.protocol = protocol;
        this.name = PppProtocol.name(protocol);
        this.policy = policy;
        this.layer = layer;
        this.output = output;
        this.peerMru = peerMru;
        this.restartNanos = Math.max(1, settings.restartInterval().toNanos());
        this.maxConfigure = settings.maxConfigure();
        this.maxTerminate = settings.maxTerminate();
    }

    State state() {
        return state;
    }

    boolean isOpened() {
        return state == State.OPENED;
    }

    int restartCount() {
        return restartCount;
    }

    String name() {
        return name;
    }

    boolean timerRunning() {
        return timerRunning;
    }

    /**
     * Puts the automaton straight into {@code forced} with {@code count} on the restart counter, the
     * timer running where RFC 1661 §4.2 says it runs: lets the §4.1 table test reach every cell.
     */
    void force(State forced, int count, long nowNanos) {
        now = nowNanos;
        state = forced;
        restartCount = count;
        timerRunning = forced.timed();
        timerDeadline = nowNanos + restartNanos;
    }

    /** Why the layer last finished, for logs and linkDown details. */
    String failure() {
        return failure;
    }

    /** The event that last led to This-Layer-Finished. */
    Event finishedBy() {
        return finishedBy;
    }

    /** A fresh identifier for packets outside the automaton (Echo-Request, Protocol-Reject). */
    int nextIdentifier() {
        int id = nextIdentifier;
        nextIdentifier = (nextIdentifier + 1) & 0xFF;
        return id;
    }

    /** The data of our Terminate-Requests (LCP: the reason text). */
    void terminateData(byte[] data) {
        this.terminateData = data.clone();
    }

    void up(long nowNanos) {
        now = nowNanos;
        failure = "";
        handle(Event.UP);
    }

    void down(long nowNanos) {
        now = nowNanos;
        handle(Event.DOWN);
    }

    void open(long nowNanos) {
        now = nowNanos;
        handle(Event.OPEN);
    }

    void close(long nowNanos) {
        now = nowNanos;
        failure = "";
        handle(Event.CLOSE);
    }

    /** The peer Protocol-Rejected this protocol (RFC 1661 §5.7): a catastrophic RXJ-. */
    void protocolRejected(long nowNanos) {
        now = nowNanos;
        finishCause("the peer rejected " + name);
        handle(Event.RXJ_MINUS);
    }

    /** Fires the restart timer when due (RFC 1661 §4.6: TO+ while the counter is positive, else TO-). */
    void tick(long nowNanos) {
        now = nowNanos;
        if (timerRunning && nowNanos - timerDeadline >= 0) {
            timerRunning = false;
            if (restartCount <= 0 && (state == State.CLOSING || state == State.STOPPING)) {
                finishCauseUnlessKnown("no Terminate-Ack after " + maxTerminate + " Terminate-Requests");
            } else if (restartCount <= 0) {
                finishCause("no reply to " + maxConfigure + " Configure-Requests");
            }
            handle(restartCount > 0 ? Event.TO_PLUS : Event.TO_MINUS);
        }
    }

    /**
     * One packet of this protocol. Returns false when it is malformed (the caller counts it); packets
     * that are well formed but stale (a reply to an older request) are discarded silently.
     */
    boolean receive(ControlPacket packet, long nowNanos) {
        now = nowNanos;
        received = packet;
        switch (packet.code()) {
            case ControlPacket.CONFIGURE_REQUEST -> {
                List<ConfigOption> options;
                try {
                    options = packet.options();
                } catch (PppException e) {
                    LOG.debug("{}: malformed Configure-Request: {}", name, e.getMessage());
                    return false;
                }
                judge(packet, options);
                handle(reply.code() == ControlPacket.CONFIGURE_ACK ? Event.RCR_PLUS : Event.RCR_MINUS);
            }
            case ControlPacket.CONFIGURE_ACK -> {
                if (!answersRequest(packet) || !Arrays.equals(packet.data(), requestData)) {
                    LOG.debug("{}: discarded Configure-Ack id {} not matching request id {}", name,
                            packet.identifier(), requestId);
                    return true;
                }
                replied = true;
                failures = 0;
                if (state == State.REQ_SENT || state == State.ACK_SENT) {
                    policy.requestAcked(requestOptions);
                }
                handle(Event.RCA);
            }
            case ControlPacket.CONFIGURE_NAK, ControlPacket.CONFIGURE_REJECT -> {
                return receiveNakOrReject(packet);
            }
            case ControlPacket.TERMINATE_REQUEST -> handle(Event.RTR);
            case ControlPacket.TERMINATE_ACK -> {
                if (state == State.CLOSING || state == State.STOPPING) {
                    finishCauseUnlessKnown("Terminate-Ack received");
                }
                handle(Event.RTA);
            }
            case ControlPacket.CODE_REJECT -> {
                if (packet.data().length < 1) {
                    return false;
                }
                int code = packet.data()[0] & 0xFF;
                // RFC 1661 §5.6: rejecting a code the automaton needs (1..7) is catastrophic.
                if (code >= ControlPacket.CONFIGURE_REQUEST && code <= ControlPacket.CODE_REJECT) {
                    finishCause("the peer rejected " + name + " code " + code);
                    handle(Event.RXJ_MINUS);
                } else {
                    handle(Event.RXJ_PLUS);
                }
            }
            case ControlPacket.ECHO_REQUEST, ControlPacket.ECHO_REPLY, ControlPacket.DISCARD_REQUEST -> {
                if (protocol == PppProtocol.LCP) {
                    handle(Event.RXR);
                } else {
                    handle(Event.RUC);
                }
            }
            default -> handle(Event.RUC);
        }
        return true;
    }

    private boolean receiveNakOrReject(ControlPacket packet) {
        if (!answersRequest(packet)) {
            LOG.debug("{}: discarded reply id {} not matching request id {}", name, packet.identifier(), requestId);
            return true;
        }
        List<ConfigOption> options;
        try {
            options = packet.options();
        } catch (PppException e) {
            LOG.debug("{}: malformed Configure-Nak/Reject: {}", name, e.getMessage());
            return false;
        }
        boolean reject = packet.code() == ControlPacket.CONFIGURE_REJECT;
        // RFC 1661 §5.4: a Configure-Reject may only list options of our request, unmodified.
        if (reject && (options.isEmpty() || !requestOptions.containsAll(options))) {
            LOG.debug("{}: discarded Configure-Reject of options we did not request", name);
            return false;
        }
        replied = true;
        if (state == State.REQ_SENT || state == State.ACK_RCVD || state == State.ACK_SENT
                || state == State.OPENED) {
            if (++failures > maxConfigure) {
                fail("options did not converge after " + maxConfigure + " Configure-Naks or Rejects");
                return true;
            }
            OptionPolicy.Outcome outcome = reject ? policy.applyReject(options) : policy.applyNak(options);
            if (outcome instanceof OptionPolicy.Outcome.Fail(String reason)) {
                fail(reason);
                return true;
            }
        }
        handle(Event.RCN);
        return true;
    }

    private boolean answersRequest(ControlPacket packet) {
        return requestId >= 0 && packet.identifier() == requestId && !replied;
    }

    /** Builds the reply to a peer's request: Reject takes precedence over Nak, Nak over Ack (RFC 1661 §5.2-5.4). */
    private void judge(ControlPacket request, List<ConfigOption> options) {
        List<ConfigOption> rejects = new ArrayList<>();
        List<ConfigOption> naks = new ArrayList<>();
        List<ConfigOption> nakked = new ArrayList<>();
        for (ConfigOption option : options) {
            switch (policy.judge(option)) {
                case OptionPolicy.Verdict.Reject _ -> rejects.add(option);
                case OptionPolicy.Verdict.Nak(ConfigOption suggestion) -> {
                    naks.add(suggestion);
                    nakked.add(option);
                }
                case OptionPolicy.Verdict.Accept _ -> { }
            }
        }
        boolean nakAllowed = naksSent < MAX_FAILURE;
        if (rejects.isEmpty() && !nakAllowed) {
            rejects = nakked;
        }
        if (!rejects.isEmpty()) {
            replyOptions = rejects;
            reply = ControlPacket.ofOptions(ControlPacket.CONFIGURE_REJECT, request.identifier(), rejects);
            return;
        }
        if (nakAllowed) {
            naks.addAll(policy.missing(options));
        }
        if (!naks.isEmpty()) {
            replyOptions = naks;
            reply = ControlPacket.ofOptions(ControlPacket.CONFIGURE_NAK, request.identifier(), naks);
            return;
        }
        replyOptions = options;
        // RFC 1661 §5.2: the Ack repeats the request's options exactly, in order.
        reply = new ControlPacket(ControlPacket.CONFIGURE_ACK, request.identifier(), request.data());
    }

    /** Gives up on options that cannot converge: like TO-, the layer finishes in Stopped. */
    private void fail(String reason) {
        finishCause(reason);
        LOG.debug("{}: giving up: {}", name, reason);
        State from = state;
        state = State.STOPPED;
        timerRunning = false;
        if (from == State.OPENED) {
            layer.down();
        }
        finishedBy = Event.RCN;
        layer.finished();
    }

    private void finishCause(String text) {
        failure = text;
    }

    /** Keeps the reason a close started with (a Protocol-Reject, say) over how the close ended. */
    private void finishCauseUnlessKnown(String text) {
        if (failure.isEmpty()) {
            failure = text;
        }
    }

    /** Runs the RFC 1661 §4.1 cell for {@code event}; "-" cells (impossible events) are ignored. */
    void handle(Event event) {
        State from = state;
        StateTable.Transition transition = StateTable.transition(from, event);
        if (transition == null) {
            LOG.debug("{}: ignored {} in {}", name, event.rfcName, from.rfcName);
            return;
        }
        currentEvent = event;
        // The new state is set before the actions run, so layer callbacks see it.
        state = transition.next();
        List<StateTable.Action> actions = transition.actions();
        for (StateTable.Action action : actions) {
            switch (action) {
                case TLU -> layer.up();
                case TLD -> layer.down();
                case TLS -> layer.started();
                case TLF -> {
                    finishedBy = event;
                    layer.finished();
                }
                case IRC -> {
                    if (actions.contains(StateTable.Action.STR)) {
                        restartCount = maxTerminate;
                    } else {
                        ircConfigure();
                    }
                }
                case ZRC -> zrc();
                case SCR -> scr();
                case SCA -> sca();
                case SCN -> scn();
                case STR -> str();
                case STA -> sta();
                case SCJ -> scj();
                case SER -> output.echo(received);
            }
        }
        if (!state.timed()) {
            timerRunning = false;
        }
        if (state != from) {
            LOG.debug("{}: {} -> {} on {}", name, from.rfcName, state.rfcName, event.rfcName);
        }
    }

    private void ircConfigure() {
        restartCount = maxConfigure;
        if (currentEvent == Event.UP || currentEvent == Event.OPEN) {
            failures = 0;
            naksSent = 0;
        }
    }

    /** RFC 1661 §4.4 zrc: a zero count and a running timer, to pause before Stopped. */
    private void zrc() {
        restartCount = 0;
        startTimer();
    }

    private void startTimer() {
        timerRunning = true;
        timerDeadline = now + restartNanos;
    }

    /**
     * Send-Configure-Request. A retransmission of an unanswered request keeps its identifier, so a
     * late reply to the first copy still counts; anything else gets a new one (RFC 1661 §5.1).
     */
    private void scr() {
        List<ConfigOption> options = List.copyOf(policy.requestOptions());
        byte[] data = ConfigOption.encodeAll(options);
        boolean retransmission = currentEvent == Event.TO_PLUS && !replied && requestId >= 0
                && Arrays.equals(data, requestData);
        if (!retransmission) {
            requestId = nextIdentifier();
        }
        requestData = data;
        requestOptions = options;
        replied = false;
        restartCount--;
        startTimer();
        output.send(protocol, new ControlPacket(ControlPacket.CONFIGURE_REQUEST, requestId, data));
    }

    private void sca() {
        naksSent = 0;
        policy.peerAcked(replyOptions);
        output.send(protocol, reply);
    }

    private void scn() {
        if (reply.code() == ControlPacket.CONFIGURE_NAK) {
            naksSent++;
        }
        output.send(protocol, reply);
    }

    private void str() {
        restartCount--;
        startTimer();
        output.send(protocol, new ControlPacket(ControlPacket.TERMINATE_REQUEST, nextIdentifier(), terminateData));
    }

    private void sta() {
        int id = received != null ? received.identifier() : nextIdentifier();
        output.send(protocol, new ControlPacket(ControlPacket.TERMINATE_ACK, id, new byte[0]));
    }

    /** RFC 1661 §5.6: the rejected packet, header included, cut to fit the peer's MRU. */
    private void scj() {
        byte[] rejected = new byte[received.encodedLength()];
        received.writeTo(rejected, 0);
        int room = Math.max(0, peerMru.getAsInt() - ControlPacket.HEADER_LENGTH);
        byte[] data = rejected.length > room ? Arrays.copyOf(rejected, room) : rejected;
        output.send(protocol, new ControlPacket(ControlPacket.CODE_REJECT, nextIdentifier(), data));
    }

    @Override
    public String toString() {
        return name + " " + state.rfcName;
    }
}
