package dev.quetzal.fortivpn.ppp;

import static dev.quetzal.fortivpn.ppp.StateTable.Action.IRC;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.SCA;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.SCJ;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.SCN;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.SCR;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.SER;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.STA;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.STR;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.TLD;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.TLF;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.TLS;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.TLU;
import static dev.quetzal.fortivpn.ppp.StateTable.Action.ZRC;
import static dev.quetzal.fortivpn.ppp.StateTable.State.ACK_RCVD;
import static dev.quetzal.fortivpn.ppp.StateTable.State.ACK_SENT;
import static dev.quetzal.fortivpn.ppp.StateTable.State.CLOSED;
import static dev.quetzal.fortivpn.ppp.StateTable.State.CLOSING;
import static dev.quetzal.fortivpn.ppp.StateTable.State.INITIAL;
import static dev.quetzal.fortivpn.ppp.StateTable.State.OPENED;
import static dev.quetzal.fortivpn.ppp.StateTable.State.REQ_SENT;
import static dev.quetzal.fortivpn.ppp.StateTable.State.STARTING;
import static dev.quetzal.fortivpn.ppp.StateTable.State.STOPPED;
import static dev.quetzal.fortivpn.ppp.StateTable.State.STOPPING;

import java.util.List;

/**
 * The RFC 1661 §4.1 state transition table as data: for a state and an event, the actions to run
 * (in the order printed) and the next state, or null for the cells the RFC marks "-". The footnotes
 * r (restart option), p (passive option) and x (crossed connection) carry no action here.
 */
final class StateTable {
    /** RFC 1661 §4.2, in the §4.1 table's column order. */
    enum State {
        INITIAL("Initial"),
        STARTING("Starting"),
        CLOSED("Closed"),
        STOPPED("Stopped"),
        CLOSING("Closing"),
        STOPPING("Stopping"),
        REQ_SENT("Req-Sent"),
        ACK_RCVD("Ack-Rcvd"),
        ACK_SENT("Ack-Sent"),
        OPENED("Opened");

        final String rfcName;

        State(String rfcName) {
            this.rfcName = rfcName;
        }

        /** States in which the restart timer runs (RFC 1661 §4.2). */
        boolean timed() {
            return ordinal() >= CLOSING.ordinal() && ordinal() <= ACK_SENT.ordinal();
        }
    }

    /** RFC 1661 §4.3. */
    enum Event {
        UP("Up"), DOWN("Down"), OPEN("Open"), CLOSE("Close"), TO_PLUS("TO+"), TO_MINUS("TO-"),
        RCR_PLUS("RCR+"), RCR_MINUS("RCR-"), RCA("RCA"), RCN("RCN"), RTR("RTR"), RTA("RTA"), RUC("RUC"),
        RXJ_PLUS("RXJ+"), RXJ_MINUS("RXJ-"), RXR("RXR");

        final String rfcName;

        Event(String rfcName) {
            this.rfcName = rfcName;
        }
    }

    /** RFC 1661 §4.4. */
    enum Action { TLU, TLD, TLS, TLF, IRC, ZRC, SCR, SCA, SCN, STR, STA, SCJ, SER }

    record Transition(List<Action> actions, State next) {}

    private StateTable() {}

    private static Transition go(State next, Action... actions) {
        return new Transition(List.of(actions), next);
    }

    /** The cell for {@code event} in {@code state}; null when the RFC marks it illegal ("-"). */
    static Transition transition(State state, Event event) {
        return switch (event) {
            case UP -> switch (state) {
                case INITIAL -> go(CLOSED);
                case STARTING -> go(REQ_SENT, IRC, SCR);
                default -> null;
            };
            case DOWN -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED, CLOSING -> go(INITIAL);
                case STOPPED -> go(STARTING, TLS);
                case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> go(STARTING);
                case OPENED -> go(STARTING, TLD);
            };
            case OPEN -> switch (state) {
                case INITIAL -> go(STARTING, TLS);
                case CLOSED -> go(REQ_SENT, IRC, SCR);
                case CLOSING -> go(STOPPING);
                default -> go(state);
            };
            case CLOSE -> switch (state) {
                case INITIAL, CLOSED, CLOSING -> go(state);
                case STARTING -> go(INITIAL, TLF);
                case STOPPED -> go(CLOSED);
                case STOPPING -> go(CLOSING);
                case REQ_SENT, ACK_RCVD, ACK_SENT -> go(CLOSING, IRC, STR);
                case OPENED -> go(CLOSING, TLD, IRC, STR);
            };
            case TO_PLUS -> switch (state) {
                case CLOSING, STOPPING -> go(state, STR);
                case REQ_SENT, ACK_RCVD -> go(REQ_SENT, SCR);
                case ACK_SENT -> go(ACK_SENT, SCR);
                default -> null;
            };
            case TO_MINUS -> switch (state) {
                case CLOSING -> go(CLOSED, TLF);
                case STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> go(STOPPED, TLF);
                default -> null;
            };
            case RCR_PLUS -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED -> go(CLOSED, STA);
                case STOPPED -> go(ACK_SENT, IRC, SCR, SCA);
                case CLOSING, STOPPING -> go(state);
                case REQ_SENT, ACK_SENT -> go(ACK_SENT, SCA);
                case ACK_RCVD -> go(OPENED, SCA, TLU);
                case OPENED -> go(ACK_SENT, TLD, SCR, SCA);
            };
            case RCR_MINUS -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED -> go(CLOSED, STA);
                case STOPPED -> go(REQ_SENT, IRC, SCR, SCN);
                case CLOSING, STOPPING -> go(state);
                case REQ_SENT, ACK_SENT -> go(REQ_SENT, SCN);
                case ACK_RCVD -> go(ACK_RCVD, SCN);
                case OPENED -> go(REQ_SENT, TLD, SCR, SCN);
            };
            case RCA -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED, STOPPED -> go(state, STA);
                case CLOSING, STOPPING -> go(state);
                case REQ_SENT -> go(ACK_RCVD, IRC);
                case ACK_RCVD -> go(REQ_SENT, SCR);
                case ACK_SENT -> go(OPENED, IRC, TLU);
                case OPENED -> go(REQ_SENT, TLD, SCR);
            };
            case RCN -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED, STOPPED -> go(state, STA);
                case CLOSING, STOPPING -> go(state);
                case REQ_SENT -> go(REQ_SENT, IRC, SCR);
                case ACK_RCVD -> go(REQ_SENT, SCR);
                case ACK_SENT -> go(ACK_SENT, IRC, SCR);
                case OPENED -> go(REQ_SENT, TLD, SCR);
            };
            case RTR -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED, STOPPED, CLOSING, STOPPING -> go(state, STA);
                case REQ_SENT, ACK_RCVD, ACK_SENT -> go(REQ_SENT, STA);
                case OPENED -> go(STOPPING, TLD, ZRC, STA);
            };
            case RTA -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSING -> go(CLOSED, TLF);
                case STOPPING -> go(STOPPED, TLF);
                case ACK_RCVD -> go(REQ_SENT);
                case OPENED -> go(REQ_SENT, TLD, SCR);
                default -> go(state);
            };
            case RUC -> switch (state) {
                case INITIAL, STARTING -> null;
                default -> go(state, SCJ);
            };
            case RXJ_PLUS -> switch (state) {
                case INITIAL, STARTING -> null;
                case ACK_RCVD -> go(REQ_SENT);
                default -> go(state);
            };
            case RXJ_MINUS -> switch (state) {
                case INITIAL, STARTING -> null;
                case CLOSED, CLOSING -> go(CLOSED, TLF);
                case STOPPED, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT -> go(STOPPED, TLF);
                case OPENED -> go(STOPPING, TLD, IRC, STR);
            };
            case RXR -> switch (state) {
                case INITIAL, STARTING -> null;
                case OPENED -> go(OPENED, SER);
                default -> go(state);
            };
        };
    }
}
