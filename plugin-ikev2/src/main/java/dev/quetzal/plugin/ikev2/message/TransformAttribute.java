package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/** A transform attribute (RFC 7296 §3.3.5): the AF bit selects the short TV or the TLV format. */
public sealed interface TransformAttribute {
    int type();

    int encodedLength();

    void encode(ByteBuffer out);

    /** Type/Value: a 2-byte value in place of the length (Key Length, type 14, is always TV). */
    record Tv(int type, int value) implements TransformAttribute {
        public Tv {
            if (type < 0 || type > 0x7FFF || value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("TV attribute type 0..32767 and value 0..65535, got "
                        + type + "/" + value);
            }
        }

        @Override
        public int encodedLength() {
            return 4;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putShort((short) (0x8000 | type));
            out.putShort((short) value);
        }
    }

    /** Type/Length/Value. */
    record Tlv(int type, Octets value) implements TransformAttribute {
        public Tlv {
            if (type < 0 || type > 0x7FFF || value.length() > 0xFFFF) {
                throw new IllegalArgumentException("TLV attribute type 0..32767 with at most 65535 bytes");
            }
        }

        @Override
        public int encodedLength() {
            return 4 + value.length();
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putShort((short) type);
            out.putShort((short) value.length());
            value.writeTo(out);
        }
    }

    static TransformAttribute decode(WireReader in) throws Malformed {
        int word = in.u16("attribute type");
        int type = word & 0x7FFF;
        if ((word & 0x8000) != 0) {
            return new Tv(type, in.u16("attribute value"));
        }
        int length = in.u16("attribute length");
        return new Tlv(type, in.octets(length, "attribute value"));
    }
}
