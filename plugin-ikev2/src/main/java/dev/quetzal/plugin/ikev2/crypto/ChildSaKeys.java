package dev.quetzal.plugin.ikev2.crypto;

/**
 * KEYMAT of one Child SA split as RFC 7296 §2.17 says: the initiator-to-responder keys first (encryption, then
 * integrity), then the responder-to-initiator keys.
 */
public record ChildSaKeys(DirectionKeys initiatorToResponder, DirectionKeys responderToInitiator) {
    /** Keys for the ESP packets we send. */
    public DirectionKeys outbound(boolean weAreInitiatorOfThisExchange) {
        return weAreInitiatorOfThisExchange ? initiatorToResponder : responderToInitiator;
    }

    /** Keys for the ESP packets we receive. */
    public DirectionKeys inbound(boolean weAreInitiatorOfThisExchange) {
        return outbound(!weAreInitiatorOfThisExchange);
    }
}
