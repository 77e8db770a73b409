package dev.quetzal.plugin.ikev2.esp;

/** Why an inbound ESP packet was dropped; each has its own counter. */
public enum EspDropReason {
    /** Already received, or older than the replay window (RFC 4303 §3.4.3). */
    REPLAY,
    /** The ICV did not verify (RFC 4303 §3.4.4). */
    AUTH_FAILED,
    /** Too short, misaligned, wrong SPI, an inner packet that is not IPv4/IPv6 or longer than the payload. */
    MALFORMED,
    /** Next header 59: a dummy packet, dropped without a trace but this counter (RFC 4303 §2.6). */
    DUMMY,
    /** Pad length beyond the payload, or padding bytes other than 1, 2, 3... (RFC 4303 §2.4). */
    PADDING
}
