package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A transform substructure (RFC 7296 §3.3.2): type, ID and attributes.
 *
 * @param type {@link TransformType#ENCR} .. {@link TransformType#ESN}, or an unknown type kept as is
 * @param id the algorithm, e.g. {@link TransformType#ENCR_AES_GCM_16}; unknown IDs are kept
 */
public record Transform(int type, int id, List<TransformAttribute> attributes) {
    static final int LAST = 0;
    static final int MORE = 3;
    static final int HEADER_SIZE = 8;

    public Transform {
        if (type < 0 || type > 0xFF || id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("transform type 0..255 and ID 0..65535, got " + type + "/" + id);
        }
        attributes = List.copyOf(attributes);
    }

    public static Transform of(int type, int id) {
        return new Transform(type, id, List.of());
    }

    /** A transform with the Key Length attribute (RFC 7296 §3.3.5), e.g. AES-GCM with 256 bits. */
    public static Transform withKeyLength(int type, int id, int keyBits) {
        return new Transform(type, id, List.of(new TransformAttribute.Tv(TransformType.ATTRIBUTE_KEY_LENGTH, keyBits)));
    }

    /** The Key Length attribute in bits, if present. */
    public OptionalInt keyLength() {
        for (TransformAttribute attribute : attributes) {
            if (attribute instanceof TransformAttribute.Tv(int t, int value) && t == TransformType.ATTRIBUTE_KEY_LENGTH) {
                return OptionalInt.of(value);
            }
        }
        return OptionalInt.empty();
    }

    int encodedLength() {
        int length = HEADER_SIZE;
        for (TransformAttribute attribute : attributes) {
            length += attribute.encodedLength();
        }
        return length;
    }

    void encode(ByteBuffer out, boolean last) {
        out.put((byte) (last ? LAST : MORE));
        out.put((byte) 0);
        out.putShort((short) encodedLength());
        out.put((byte) type);
        out.put((byte) 0);
        out.putShort((short) id);
        for (TransformAttribute attribute : attributes) {
            attribute.encode(out);
        }
    }

    /** Reads one transform; returns it with whether it said it was the last one. */
    static Transform decode(WireReader in, boolean[] lastOut) throws Malformed {
        int last = in.u8("transform last substructure");
        if (last != LAST && last != MORE) {
            throw new Malformed("transform: last-substructure value " + last + ", expected 0 or 3");
        }
        in.skip(1, "transform reserved");
        int length = in.u16("transform length");
        if (length < HEADER_SIZE) {
            throw new Malformed("transform length " + length + " is below " + HEADER_SIZE);
        }
        WireReader body = in.slice(length - 4, "transform body", "transform");
        int type = body.u8("transform type");
        body.skip(1, "transform reserved");
        int id = body.u16("transform ID");
        List<TransformAttribute> attributes = new ArrayList<>();
        while (body.remaining() > 0) {
            attributes.add(TransformAttribute.decode(body));
        }
        lastOut[0] = last == LAST;
        return new Transform(type, id, attributes);
    }
}
