package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes a chain of payloads linked by their next-payload fields (RFC 7296 §3.2): the payloads
 * of a message after its header, or the plaintext inside SK/SKF once decrypted (RFC 7296 §3.14).
 */
public final class PayloadChain {
    private static final int CRITICAL = 0x80;

    private PayloadChain() {
    }

    /** The outcome of decoding a chain; bad input is a value, never an exception. */
    public sealed interface Result {
        record Ok(List<IkePayload> payloads) implements Result {
            public Ok {
                payloads = List.copyOf(payloads);
            }
        }

        /** {@code notifyType} is INVALID_SYNTAX, or {@link DecodeResult.Error#NO_REPLY} for a bad fragment. */
        record Error(int notifyType, String reason) implements Result {
        }
    }

    /**
     * Decodes {@code length} bytes at {@code offset} as a chain whose first payload has type {@code firstType}.
     *
     * @param insideSk true for decrypted content, where SK and SKF may not appear again
     */
    public static Result decode(int firstType, byte[] data, int offset, int length, boolean insideSk) {
        try {
            return new Result.Ok(decodeOrThrow(firstType, data, offset, length, insideSk));
        } catch (Malformed e) {
            return new Result.Error(e.notifyType(), e.getMessage());
        }
    }

    static List<IkePayload> decodeOrThrow(int firstType, byte[] data, int offset, int length, boolean insideSk)
            throws Malformed {
        WireReader in = new WireReader(data, offset, length, "payload chain");
        List<IkePayload> payloads = new ArrayList<>();
        int next = firstType;
        while (next != PayloadType.NONE) {
            int current = next;
            String name = PayloadType.name(current);
            if (in.remaining() < IkePayload.GENERIC_HEADER_SIZE) {
                throw new Malformed(name + ": generic header needs 4 bytes, " + in.remaining() + " left");
            }
            next = in.u8("next payload");
            boolean critical = (in.u8("critical bit") & CRITICAL) != 0;
            int payloadLength = in.u16("payload length");
            if (payloadLength < IkePayload.GENERIC_HEADER_SIZE) {
                throw new Malformed(name + ": payload length " + payloadLength + " is below 4");
            }
            if (payloadLength - IkePayload.GENERIC_HEADER_SIZE > in.remaining()) {
                throw new Malformed(name + ": payload length " + payloadLength + " runs past the end ("
                        + (in.remaining() + IkePayload.GENERIC_HEADER_SIZE) + " bytes left)");
            }
            WireReader body = in.slice(payloadLength - IkePayload.GENERIC_HEADER_SIZE, "payload body", name);
            if (current == PayloadType.SK || current == PayloadType.SKF) {
                if (insideSk) {
                    throw new Malformed(name + " inside an encrypted payload");
                }
                if (in.remaining() != 0) {
                    // RFC 7296 §3.14: SK is the last payload; its next-payload field names the first inner one.
                    throw new Malformed(name + " is followed by " + in.remaining() + " more bytes");
                }
                payloads.add(current == PayloadType.SK ? SkPayload.decode(next, body) : SkfPayload.decode(next, body));
                return payloads;
            }
            payloads.add(decodeBody(current, critical, body));
            body.expectEnd();
        }
        if (in.remaining() != 0) {
            throw new Malformed(in.remaining() + " bytes after the last payload");
        }
        return payloads;
    }

    private static IkePayload decodeBody(int type, boolean critical, WireReader body) throws Malformed {
        return switch (type) {
            case PayloadType.SA -> SaPayload.decode(body);
            case PayloadType.KE -> KePayload.decode(body);
            case PayloadType.IDI -> IdPayload.decode(true, body);
            case PayloadType.IDR -> IdPayload.decode(false, body);
            case PayloadType.CERT -> CertPayload.decode(body);
            case PayloadType.CERTREQ -> CertReqPayload.decode(body);
            case PayloadType.AUTH -> AuthPayload.decode(body);
            case PayloadType.NONCE -> NoncePayload.decode(body);
            case PayloadType.NOTIFY -> NotifyPayload.decode(body);
            case PayloadType.DELETE -> DeletePayload.decode(body);
            case PayloadType.VENDOR_ID -> VendorIdPayload.decode(body);
            case PayloadType.TSI -> TsPayload.decode(true, body);
            case PayloadType.TSR -> TsPayload.decode(false, body);
            case PayloadType.CP -> CpPayload.decode(body);
            case PayloadType.EAP -> EapPayload.decode(body);
            default -> new UnsupportedPayload(type, critical, body.rest());
        };
    }

    /** Encodes an inner chain (the plaintext of SK); its first type is {@code payloads.getFirst().type()}. */
    public static byte[] encode(List<IkePayload> payloads) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(payloads));
        encode(payloads, out);
        return out.array();
    }

    /** The type of the first payload, or {@link PayloadType#NONE} for an empty chain. */
    public static int firstType(List<IkePayload> payloads) {
        return payloads.isEmpty() ? PayloadType.NONE : payloads.getFirst().type();
    }

    static int encodedLength(List<IkePayload> payloads) {
        long length = 0;
        for (IkePayload payload : payloads) {
            int payloadLength = IkePayload.GENERIC_HEADER_SIZE + payload.bodyLength();
            if (payloadLength > 0xFFFF) {
                throw new IllegalArgumentException(PayloadType.name(payload.type()) + " payload of " + payloadLength
                        + " bytes does not fit its 16-bit length");
            }
            length += payloadLength;
        }
        if (length > Integer.MAX_VALUE - IkeHeader.SIZE) {
            throw new IllegalArgumentException("payload chain too long");
        }
        return (int) length;
    }

    static void encode(List<IkePayload> payloads, ByteBuffer out) {
        for (int i = 0; i < payloads.size(); i++) {
            IkePayload payload = payloads.get(i);
            boolean last = i == payloads.size() - 1;
            int next = switch (payload) {
                case SkPayload sk when last -> sk.firstInnerType();
                case SkfPayload skf when last -> skf.firstInnerType();
                case SkPayload sk -> throw new IllegalArgumentException("SK must be the last payload");
                case SkfPayload skf -> throw new IllegalArgumentException("SKF must be the last payload");
                default -> last ? PayloadType.NONE : payloads.get(i + 1).type();
            };
            int start = out.position();
            out.put((byte) next);
            out.put((byte) (payload.critical() ? CRITICAL : 0));
            out.putShort((short) (IkePayload.GENERIC_HEADER_SIZE + payload.bodyLength()));
            payload.encodeBody(out);
            if (out.position() - start != IkePayload.GENERIC_HEADER_SIZE + payload.bodyLength()) {
                throw new IllegalStateException(PayloadType.name(payload.type()) + " wrote a body of the wrong length");
            }
        }
    }
}
