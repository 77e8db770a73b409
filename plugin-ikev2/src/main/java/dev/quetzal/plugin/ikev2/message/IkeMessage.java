package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An IKE message (RFC 7296 §3): header and payloads. Decoding never throws for bad input; it returns a
 * {@link DecodeResult}. Encoding fills in the header's next payload and length and every payload's
 * next-payload and length fields.
 */
public record IkeMessage(IkeHeader header, List<IkePayload> payloads) {
    public IkeMessage {
        payloads = List.copyOf(payloads);
    }

    public IkeMessage(IkeHeader header, IkePayload... payloads) {
        this(header, List.of(payloads));
    }

    /** Decodes a whole datagram (after any non-ESP marker has been removed). */
    public static DecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes the IKE message in {@code length} bytes at {@code offset}: parse the header, validate it, then the payloads. */
    public static DecodeResult decode(byte[] data, int offset, int length) {
        Optional<IkeHeader> parsed = IkeHeader.parse(data, offset, length);
        if (parsed.isEmpty()) {
            return new DecodeResult.Error(DecodeResult.Error.NO_REPLY, DecodeResult.Stage.BEFORE_SK,
                    length + " bytes are too short for an IKE header", Optional.empty());
        }
        IkeHeader header = parsed.get();
        Optional<DecodeResult.Error> invalid = header.validate(length);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        try {
            List<IkePayload> payloads = PayloadChain.decodeOrThrow(header.nextPayload(), data, offset + IkeHeader.SIZE,
                    length - IkeHeader.SIZE, false);
            return new DecodeResult.Ok(new IkeMessage(header, payloads), Octets.of(data, offset, length));
        } catch (Malformed e) {
            return new DecodeResult.Error(e.notifyType(), DecodeResult.Stage.BEFORE_SK, e.getMessage(), parsed);
        }
    }

    /**
     * Decodes the decrypted content of the SK or SKF payload that ends {@code outer}'s message (for SKF: the
     * reassembled content of all fragments). The result's message has the outer header and the inner payloads;
     * its raw bytes stay those of {@code outer}.
     */
    public static DecodeResult decodeInner(DecodeResult.Ok outer, byte[] plaintext, int offset, int length) {
        IkeHeader header = outer.message().header();
        OptionalInt first = outer.message().firstInnerType();
        if (first.isEmpty()) {
            return new DecodeResult.Error(DecodeResult.Error.NO_REPLY, DecodeResult.Stage.BEFORE_SK,
                    "the message has no SK or SKF payload", Optional.of(header));
        }
        return decodeInner(header, first.getAsInt(), plaintext, offset, length, outer.raw());
    }

    /** Decodes an inner chain starting with {@code firstInnerType}, for a caller that reassembled it itself. */
    public static DecodeResult decodeInner(IkeHeader header, int firstInnerType, byte[] plaintext, int offset,
            int length, Octets raw) {
        try {
            List<IkePayload> inner = PayloadChain.decodeOrThrow(firstInnerType, plaintext, offset, length, true);
            return new DecodeResult.Ok(new IkeMessage(header, inner), raw);
        } catch (Malformed e) {
            return new DecodeResult.Error(e.notifyType(), DecodeResult.Stage.INSIDE_SK, e.getMessage(),
                    Optional.of(header));
        }
    }

    /** Encoded size in bytes: header plus payloads. */
    public int encodedLength() {
        return IkeHeader.SIZE + PayloadChain.encodedLength(payloads);
    }

    /**
     * The wire form. When the last payload is SK or SKF, its body is the last bytes, so the crypto layer can
     * encode with a placeholder body of the right size and then fill in ciphertext and ICV in place.
     */
    public byte[] encode() {
        int length = encodedLength();
        ByteBuffer out = ByteBuffer.allocate(length);
        header.withChain(PayloadChain.firstType(payloads), length).encode(out);
        PayloadChain.encode(payloads, out);
        return out.array();
    }

    /** The header as {@link #encode()} writes it (next payload and length filled in). */
    public IkeHeader encodedHeader() {
        return header.withChain(PayloadChain.firstType(payloads), encodedLength());
    }

    public <T extends IkePayload> List<T> payloadsOf(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends IkePayload> Optional<T> first(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The first Notify of this type. */
    public Optional<NotifyPayload> notify(int notifyType) {
        return payloadsOf(NotifyPayload.class).stream().filter(n -> n.notifyType() == notifyType).findFirst();
    }

    /**
     * The type of the first unknown payload with the critical bit set: RFC 7296 §2.5 requires rejecting the
     * message with UNSUPPORTED_CRITICAL_PAYLOAD carrying that type.
     */
    public OptionalInt unsupportedCriticalType() {
        return payloadsOf(UnsupportedPayload.class).stream().filter(UnsupportedPayload::critical)
                .mapToInt(UnsupportedPayload::type).findFirst();
    }

    /** The first inner payload type named by a final SK or SKF payload. */
    public OptionalInt firstInnerType() {
        if (payloads.isEmpty()) {
            return OptionalInt.empty();
        }
        return switch (payloads.getLast()) {
            case SkPayload sk -> OptionalInt.of(sk.firstInnerType());
            case SkfPayload skf -> OptionalInt.of(skf.firstInnerType());
            default -> OptionalInt.empty();
        };
    }
}
