package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The fixed 28-byte IKE header (RFC 7296 §3.1).
 *
 * <p>{@link #parse} only reads the fields; {@link #validate} is the separate check of version and length,
 * so a caller can still see the SPIs and message ID of a message it refuses (to find the SA or answer).
 *
 * @param nextPayload type of the first payload; {@link IkeMessage#encode()} fills it in from the payloads
 * @param flags the raw flags octet; see {@link #initiator()}, {@link #higherVersion()}, {@link #response()}
 * @param messageId unsigned 32-bit message ID
 * @param length whole message length in bytes (unsigned 32-bit); {@link IkeMessage#encode()} computes it
 */
public record IkeHeader(long initiatorSpi, long responderSpi, int nextPayload, int majorVersion, int minorVersion,
        int exchangeType, int flags, long messageId, long length) {
    public static final int SIZE = 28;
    /** Flags (RFC 7296 §3.1): set by the original initiator of the IKE SA. */
    public static final int FLAG_INITIATOR = 0x08;
    /** The sender could speak a higher major version. */
    public static final int FLAG_VERSION = 0x10;
    /** This message answers a request with the same message ID. */
    public static final int FLAG_RESPONSE = 0x20;

    public IkeHeader {
        checkRange(nextPayload, 0xFF, "next payload");
        checkRange(majorVersion, 0xF, "major version");
        checkRange(minorVersion, 0xF, "minor version");
        checkRange(exchangeType, 0xFF, "exchange type");
        checkRange(flags, 0xFF, "flags");
        if (messageId < 0 || messageId > 0xFFFF_FFFFL || length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("message ID and length are unsigned 32-bit numbers");
        }
    }

    /** A version 2.0 header to be completed by {@link IkeMessage#encode()} (next payload and length 0). */
    public static IkeHeader of(long initiatorSpi, long responderSpi, int exchangeType, boolean initiator,
            boolean response, long messageId) {
        int flags = (initiator ? FLAG_INITIATOR : 0) | (response ? FLAG_RESPONSE : 0);
        return new IkeHeader(initiatorSpi, responderSpi, 0, 2, 0, exchangeType, flags, messageId, 0);
    }

    /** Reads the header fields at {@code offset}; empty if fewer than {@link #SIZE} bytes are there. */
    public static Optional<IkeHeader> parse(byte[] data, int offset, int length) {
        if (length < SIZE) {
            return Optional.empty();
        }
        WireReader in = new WireReader(data, offset, SIZE, "IKE header");
        try {
            long spiI = in.u64("initiator SPI");
            long spiR = in.u64("responder SPI");
            int next = in.u8("next payload");
            int version = in.u8("version");
            int exchange = in.u8("exchange type");
            int flags = in.u8("flags");
            long id = in.u32("message ID");
            long len = in.u32("length");
            return Optional.of(new IkeHeader(spiI, spiR, next, version >>> 4, version & 0xF, exchange, flags, id, len));
        } catch (Malformed impossible) {
            // SIZE bytes were checked above.
            throw new IllegalStateException(impossible.getMessage());
        }
    }

    /**
     * Checks the version (RFC 7296 §2.5: a higher major version is answered with INVALID_MAJOR_VERSION; a
     * lower one, IKEv1, is not IKEv2 at all) and that the length field matches the datagram.
     *
     * @return the error, or empty when the header is acceptable
     */
    public Optional<DecodeResult.Error> validate(int datagramLength) {
        if (majorVersion != 2) {
            int notify = majorVersion > 2 ? NotifyType.INVALID_MAJOR_VERSION : DecodeResult.Error.NO_REPLY;
            return error(notify, "IKE major version " + majorVersion + "." + minorVersion + ", expected 2");
        }
        if (length < SIZE) {
            return error(NotifyType.INVALID_SYNTAX, "IKE header length " + length + " is below " + SIZE);
        }
        if (length != datagramLength) {
            return error(NotifyType.INVALID_SYNTAX,
                    "IKE header length " + length + " but the datagram has " + datagramLength + " bytes");
        }
        return Optional.empty();
    }

    private Optional<DecodeResult.Error> error(int notify, String reason) {
        return Optional.of(new DecodeResult.Error(notify, DecodeResult.Stage.BEFORE_SK, reason, Optional.of(this)));
    }

    public boolean initiator() {
        return (flags & FLAG_INITIATOR) != 0;
    }

    public boolean higherVersion() {
        return (flags & FLAG_VERSION) != 0;
    }

    public boolean response() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    /** This header with the computed next payload and length, as {@link IkeMessage#encode()} writes it. */
    IkeHeader withChain(int firstPayload, long totalLength) {
        return new IkeHeader(initiatorSpi, responderSpi, firstPayload, majorVersion, minorVersion, exchangeType,
                flags, messageId, totalLength);
    }

    void encode(ByteBuffer out) {
        out.putLong(initiatorSpi);
        out.putLong(responderSpi);
        out.put((byte) nextPayload);
        out.put((byte) (majorVersion << 4 | minorVersion));
        out.put((byte) exchangeType);
        out.put((byte) flags);
        out.putInt((int) messageId);
        out.putInt((int) length);
    }

    @Override
    public String toString() {
        return String.format("%s #%d %s%s SPIi=%016x SPIr=%016x v%d.%d len=%d", ExchangeType.name(exchangeType),
                messageId, response() ? "response" : "request", initiator() ? " from initiator" : "",
                initiatorSpi, responderSpi, majorVersion, minorVersion, length);
    }

    private static void checkRange(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + value);
        }
    }
}
