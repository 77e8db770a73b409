package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * Encrypted and Authenticated Fragment payload SKF (RFC 7383 §2.5): fragment number and total, then the
 * opaque encrypted body. Only fragment 1 names the first inner payload; the others carry 0 there.
 */
public record SkfPayload(int firstInnerType, int fragmentNumber, int totalFragments, Octets body)
        implements IkePayload {
    public SkfPayload {
        if (firstInnerType < 0 || firstInnerType > 0xFF) {
            throw new IllegalArgumentException("first inner payload type must be 0..255, got " + firstInnerType);
        }
        if (fragmentNumber < 1 || fragmentNumber > totalFragments || totalFragments > 0xFFFF) {
            throw new IllegalArgumentException("fragment " + fragmentNumber + " of " + totalFragments
                    + ": numbers run from 1 to the total, at most 65535");
        }
    }

    @Override
    public int type() {
        return PayloadType.SKF;
    }

    @Override
    public int bodyLength() {
        return 4 + body.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.putShort((short) fragmentNumber);
        out.putShort((short) totalFragments);
        body.writeTo(out);
    }

    static SkfPayload decode(int firstInnerType, WireReader in) throws Malformed {
        int number = in.u16("fragment number");
        int total = in.u16("total fragments");
        // RFC 7383 §2.6: number 0, or one above the total, is invalid and the fragment is dropped.
        if (number < 1 || number > total) {
            throw new Malformed(DecodeResult.Error.NO_REPLY, "fragment " + number + " of " + total);
        }
        return new SkfPayload(firstInnerType, number, total, in.rest());
    }
}
