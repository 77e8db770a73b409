package dev.quetzal.plugin.ikev2.esp;

/**
 * When an SA should be replaced. {@code softBytes}/{@code hardBytes} count inner-packet bytes per direction
 * (RFC 4301 §4.4.2.1 byte lifetimes); {@code sequenceReserve} is how many outbound sequence numbers may
 * remain when "rekey needed" starts being reported, so the rekey finishes before the counter is exhausted
 * (RFC 4303 §3.3.3). Time lifetimes belong to the state machine, which owns the clock.
 */
public record EspLimits(long softBytes, long hardBytes, long sequenceReserve) {
    /** No byte limits; rekey needed when 2^24 sequence numbers remain. */
    public static final EspLimits DEFAULT = new EspLimits(Long.MAX_VALUE, Long.MAX_VALUE, 1L << 24);

    public EspLimits {
        if (softBytes <= 0 || hardBytes <= 0 || softBytes > hardBytes) {
            throw new IllegalArgumentException("byte limits need 0 < softBytes <= hardBytes, got " + softBytes
                    + " and " + hardBytes);
        }
        if (sequenceReserve < 0 || sequenceReserve >= 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequenceReserve " + sequenceReserve + " outside [0, 2^32-1)");
        }
    }
}
