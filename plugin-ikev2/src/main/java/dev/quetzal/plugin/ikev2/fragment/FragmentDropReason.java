package dev.quetzal.plugin.ikev2.fragment;

/** Why a received fragment was discarded; each is counted by {@link Reassembler#drops(FragmentDropReason)}. */
public enum FragmentDropReason {
    /** The message does not end with an SKF payload. */
    NOT_A_FRAGMENT,
    /** An IKE_SA_INIT message carried SKF: it is never fragmented (RFC 7383 §2.5). */
    UNPROTECTED_EXCHANGE,
    /** Total Fragments above {@link ReassemblyLimits#maxFragments()} (RFC 7383 §5). */
    TOO_MANY_FRAGMENTS,
    /** The message would exceed {@link ReassemblyLimits#maxMessageBytes()}; its whole reassembly is given up. */
    TOO_LARGE,
    /** Total Fragments below that of the message being collected: a stale fragment (RFC 7383 §2.6). */
    STALE_TOTAL,
    /** A fragment number already received for the message (RFC 7383 §2.6). */
    DUPLICATE,
    /** Exchange type or flags differ from the message's earlier fragments. */
    HEADER_MISMATCH,
    /** The ICV did not verify (RFC 7383 §2.6: checked on each fragment as it arrives). */
    INTEGRITY_FAILURE,
    /** Authentic but undecryptable (bad padding) or too short for the cipher. */
    MALFORMED
}
