package dev.quetzal.fortivpn.ppp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One configuration option (RFC 1661 §6): type, then value. Unknown types are kept so they can be
 * rejected by echoing them back unchanged.
 */
public record ConfigOption(int type, byte[] value) {
    /** The type and length octets. */
    public static final int HEADER_LENGTH = 2;
    /** The length octet counts the header too. */
    public static final int MAX_VALUE_LENGTH = 0xFF - HEADER_LENGTH;

    public ConfigOption {
        Objects.requireNonNull(value, "value");
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("option type outside 0..255: " + type);
        }
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("option value of " + value.length + " bytes exceeds " + MAX_VALUE_LENGTH);
        }
    }

    /** Parses the option list of a Configure-Request, -Ack, -Nak or -Reject. */
    public static List<ConfigOption> parseAll(byte[] data) throws PppException {
        List<ConfigOption> options = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            if (data.length - at < HEADER_LENGTH) {
                throw new PppException("option at offset " + at + " truncated: 1 byte left of its 2-byte header");
            }
            int type = data[at] & 0xFF;
            int length = data[at + 1] & 0xFF;
            if (length < HEADER_LENGTH) {
                throw new PppException("option " + type + " at offset " + at + " has length " + length + ", below 2");
            }
            if (length > data.length - at) {
                throw new PppException("option " + type + " at offset " + at + " has length " + length
                        + " but only " + (data.length - at) + " bytes remain");
            }
            options.add(new ConfigOption(type, Arrays.copyOfRange(data, at + HEADER_LENGTH, at + length)));
            at += length;
        }
        return options;
    }

    public static byte[] encodeAll(List<ConfigOption> options) {
        int size = 0;
        for (ConfigOption option : options) {
            size += option.encodedLength();
        }
        byte[] data = new byte[size];
        int at = 0;
        for (ConfigOption option : options) {
            data[at] = (byte) option.type;
            data[at + 1] = (byte) option.encodedLength();
            System.arraycopy(option.value, 0, data, at + HEADER_LENGTH, option.value.length);
            at += option.encodedLength();
        }
        return data;
    }

    /** Type, length and value octets. */
    public int encodedLength() {
        return HEADER_LENGTH + value.length;
    }

    /**
     * The value as an unsigned big-endian number (1, 2 or 4 bytes); for MRU, magic and addresses.
     * Values up to 8 bytes are read the same way (IPv6CP interface identifiers).
     *
     * @throws IllegalStateException for a value longer than 8 bytes
     */
    public long valueAsLong() {
        if (value.length > Long.BYTES) {
            throw new IllegalStateException("option " + type + " value of " + value.length + " bytes is not a number");
        }
        long result = 0;
        for (byte b : value) {
            result = (result << 8) | (b & 0xFF);
        }
        return result;
    }

    /** Records compare arrays by identity; options compare by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigOption that && type == that.type && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ConfigOption[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
    }

    /** A big-endian value of {@code size} bytes; for the option constructors. */
    static ConfigOption ofNumber(int type, long number, int size) {
        byte[] value = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            value[i] = (byte) number;
            number >>>= 8;
        }
        return new ConfigOption(type, value);
    }
}
