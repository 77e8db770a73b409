package dev.quetzal.fortivpn.ppp;

import java.util.List;

/**
 * What one control protocol negotiates (RFC 1661 §4: the automaton is generic, the options are not):
 * our Configure-Request, the verdict on each of the peer's options, and how the peer's Nak and Reject
 * change our next request.
 */
interface OptionPolicy {
    /** The options of our next Configure-Request. */
    List<ConfigOption> requestOptions();

    /** The verdict on one option of the peer's Configure-Request (RFC 1661 §5.2 to §5.4). */
    Verdict judge(ConfigOption option);

    /**
     * Options the peer left out that we want it to send, appended to a Configure-Nak (RFC 1661 §5.3:
     * "to prompt the peer to include" them). Only consulted when no option of the request is rejected.
     */
    default List<ConfigOption> missing(List<ConfigOption> request) {
        return List.of();
    }

    /** We sent Configure-Ack for the peer's request with these options: they are settled. */
    void peerAcked(List<ConfigOption> options);

    /** The peer acknowledged our request with these options: they are settled. */
    void requestAcked(List<ConfigOption> options);

    /** The peer Nak'd our request, suggesting these values; adjusts the next request. */
    Outcome applyNak(List<ConfigOption> suggested);

    /** The peer rejected these options of our request; the next request leaves them out. */
    Outcome applyReject(List<ConfigOption> rejected);

    /** The verdict on one option of a peer's Configure-Request. */
    sealed interface Verdict {
        Verdict ACCEPT = new Accept();
        Verdict REJECT = new Reject();

        record Accept() implements Verdict {}

        /** Echo the option back unchanged in a Configure-Reject. */
        record Reject() implements Verdict {}

        /** Send the option back in a Configure-Nak with the value we would accept. */
        record Nak(ConfigOption suggestion) implements Verdict {}
    }

    /** What a Nak or Reject of our request leads to. */
    sealed interface Outcome {
        Outcome RETRY = new Retry();

        /** Send the adjusted request. */
        record Retry() implements Outcome {}

        /** The options cannot converge: the protocol gives up (This-Layer-Finished). */
        record Fail(String reason) implements Outcome {}
    }
}
