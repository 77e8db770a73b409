package dev.quetzal.plugin.ikev2.message;

import dev.quetzal.api.net.IpAddress;
import java.util.Arrays;

/** Big-endian reads from a bounded slice of a byte array; every read past the end is a {@link Malformed}. */
final class WireReader {
    private final byte[] data;
    private int position;
    private final int limit;
    private final String what;

    WireReader(byte[] data, int offset, int length, String what) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
        this.what = what;
    }

    int remaining() {
        return limit - position;
    }

    int position() {
        return position;
    }

    private void need(int count, String field) throws Malformed {
        if (count < 0 || remaining() < count) {
            throw new Malformed(what + ": " + field + " needs " + count + " bytes, " + remaining() + " left");
        }
    }

    int u8(String field) throws Malformed {
        need(1, field);
        return data[position++] & 0xFF;
    }

    int u16(String field) throws Malformed {
        need(2, field);
        int value = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        position += 2;
        return value;
    }

    long u32(String field) throws Malformed {
        need(4, field);
        long value = (long) u16(field) << 16;
        return value | u16(field);
    }

    long u64(String field) throws Malformed {
        need(8, field);
        return u32(field) << 32 | u32(field);
    }

    void skip(int count, String field) throws Malformed {
        need(count, field);
        position += count;
    }

    Octets octets(int count, String field) throws Malformed {
        need(count, field);
        Octets value = Octets.of(data, position, count);
        position += count;
        return value;
    }

    Octets rest() {
        Octets value = Octets.of(data, position, remaining());
        position = limit;
        return value;
    }

    IpAddress address(int size, String field) throws Malformed {
        need(size, field);
        IpAddress value = IpAddress.of(Arrays.copyOfRange(data, position, position + size));
        position += size;
        return value;
    }

    /** A sub-reader over the next {@code count} bytes, which this reader then skips. */
    WireReader slice(int count, String field, String sliceWhat) throws Malformed {
        need(count, field);
        WireReader slice = new WireReader(data, position, count, sliceWhat);
        position += count;
        return slice;
    }

    void expectEnd() throws Malformed {
        if (remaining() != 0) {
            throw new Malformed(what + ": " + remaining() + " unexpected trailing bytes");
        }
    }
}
