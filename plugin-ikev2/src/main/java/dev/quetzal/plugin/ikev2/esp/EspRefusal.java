package dev.quetzal.plugin.ikev2.esp;

/** Why {@link EspSa#encrypt} did not protect a packet; each has its own counter. */
public enum EspRefusal {
    /** The packet is not IPv4 or IPv6, so it has no next header value in tunnel mode. */
    NOT_IP,
    /** The buffer lacks the headroom or tailroom for ESP's header and trailer. */
    NO_ROOM,
    /** The next sequence number would wrap (RFC 4303 §3.3.3): the SA must be replaced. */
    SEQUENCE_EXHAUSTED,
    /** The hard byte lifetime is reached (RFC 4301 §4.4.2.1): the SA must be replaced. */
    LIFETIME_EXPIRED
}
