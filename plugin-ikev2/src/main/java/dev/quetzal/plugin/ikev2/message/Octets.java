package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string for payload fields (SPIs, key exchange data, nonces, notify data). Arrays in
 * records compare by identity; this compares by content, so decoded payloads can be checked for equality.
 *
 * <p>{@link #toString()} shows the length and at most the first 8 bytes, so a log line never carries a
 * whole field.
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code length} bytes from {@code offset}. */
    public static Octets of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Parses lower- or upper-case hex without separators. */
    public static Octets fromHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** Takes ownership of {@code bytes}; the caller must not change the array afterwards. */
    static Octets wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index} as 0..255. */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** The value as an unsigned big-endian number; only for fields of at most 8 bytes (SPIs, groups). */
    public long toLong() {
        if (bytes.length > 8) {
            throw new IllegalStateException("a " + bytes.length + "-byte field is not a number");
        }
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets o && Arrays.equals(bytes, o.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        int shown = Math.min(8, bytes.length);
        return bytes.length + " bytes" + (shown == 0 ? ""
                : " " + HEX.formatHex(bytes, 0, shown) + (shown < bytes.length ? "…" : ""));
    }
}
