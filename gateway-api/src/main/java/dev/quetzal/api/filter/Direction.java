package dev.quetzal.api.filter;

/** Which way a packet travels through the filter chain. */
public enum Direction {
    /** From a client towards the network: filters in config order, then the backend. */
    OUTBOUND,
    /** From the network towards a client: filters in reverse config order, then the client's session. */
    INBOUND;

    public Direction reverse() {
        return this == OUTBOUND ? INBOUND : OUTBOUND;
    }
}
