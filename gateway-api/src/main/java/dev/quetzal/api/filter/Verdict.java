package dev.quetzal.api.filter;

import java.util.Objects;

/**
 * What a {@link PacketFilter} decided. Use the constants, and keep {@link Drop} values in static
 * fields, so deciding allocates nothing.
 */
public sealed interface Verdict {
    /** Continue to the next filter (the packet may have been rewritten in place). */
    Pass PASS = new Pass();

    /**
     * The filter rewrote the packet into an answer for its sender (a DNS64 answer, an ICMP error):
     * the router sends it back the way it came, through the filters already passed, in reverse.
     */
    Reply REPLY = new Reply();

    /** The filter kept the packet; it now owns it and will release or inject it. */
    Consumed CONSUMED = new Consumed();

    /** A drop with a reason, for the {@code quetzal_packets_dropped_total{reason=...}} counter. */
    static Drop drop(String reason) {
        return new Drop(reason);
    }

    record Pass() implements Verdict {}

    record Reply() implements Verdict {}

    record Consumed() implements Verdict {}

    /** @param reason short, lowercase with dashes: {@code not-in-routes}, {@code ttl-exceeded} */
    record Drop(String reason) implements Verdict {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
