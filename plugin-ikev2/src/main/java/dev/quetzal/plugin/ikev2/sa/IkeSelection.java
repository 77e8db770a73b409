package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.message.Proposal;

/** Outcome of choosing an IKE SA proposal (RFC 7296 §2.7, §1.2). */
public sealed interface IkeSelection {
    /** {@code answer} is the single proposal for the response: one transform per type. */
    record Chosen(IkeSuite suite, Proposal answer) implements IkeSelection {
    }

    /** A proposal is acceptable but with another group than the KE payload's: answer INVALID_KE_PAYLOAD(group). */
    record InvalidKe(int group) implements IkeSelection {
    }

    /** Nothing acceptable: NO_PROPOSAL_CHOSEN; {@code reason} is one line for the debug log. */
    record NoProposal(String reason) implements IkeSelection {
    }
}
