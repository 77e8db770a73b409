package dev.quetzal.fortivpn.ppp;

import java.util.List;

/**
 * One configuration option (RFC 1661 §6): type, then value. Unknown types are kept so they can be
 * rejected by echoing them back unchanged.
 */
public record ConfigOption(int type, byte[] value) {
    /** Parses the option list of a Configure-Request, -Ack, -Nak or -Reject. */
    public static List<ConfigOption> parseAll(byte[] data) throws PppException {
        throw new UnsupportedOperationException("todo");
    }

    public static byte[] encodeAll(List<ConfigOption> options) {
        throw new UnsupportedOperationException("todo");
    }

    /** The value as an unsigned big-endian number (1, 2 or 4 bytes); for MRU, magic and addresses. */
    public long valueAsLong() {
        throw new UnsupportedOperationException("todo");
    }

    /** Records compare arrays by identity; options compare by content. */
    @Override
    public boolean equals(Object other) {
        throw new UnsupportedOperationException("todo");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("todo");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("todo");
    }
}
