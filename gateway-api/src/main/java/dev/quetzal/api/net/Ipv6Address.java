package dev.quetzal.api.net;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address held as two big-endian longs, as {@link dev.quetzal.api.packet.Ipv6Header} reads
 * it. {@link #toString()} gives the RFC 5952 canonical text.
 */
public record Ipv6Address(long high, long low) implements IpAddress {
    public static Ipv6Address of(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("expected 16 address bytes, got " + bytes.length);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xFF);
            low = (low << 8) | (bytes[i + 8] & 0xFF);
        }
        return new Ipv6Address(high, low);
    }

    @Override
    public IpFamily family() {
        return IpFamily.IPV6;
    }

    @Override
    public byte[] toBytes() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    @Override
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an address", e);
        }
    }

    @Override
    public boolean bit(int index) {
        return index < 64 ? ((high >>> (63 - index)) & 1) != 0 : ((low >>> (127 - index)) & 1) != 0;
    }

    @Override
    public Ipv6Address mask(int length) {
        if (length <= 0) {
            return new Ipv6Address(0, 0);
        }
        if (length <= 64) {
            return new Ipv6Address(high & (-1L << (64 - length)), 0);
        }
        return new Ipv6Address(high, length == 128 ? low : low & (-1L << (128 - length)));
    }

    @Override
    public Ipv6Address plus(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("negative delta " + delta);
        }
        long newLow = low + delta;
        long newHigh = Long.compareUnsigned(newLow, low) < 0 ? high + 1 : high;
        if (newHigh == 0 && high != 0) {
            throw new ArithmeticException(this + " + " + delta + " leaves the IPv6 space");
        }
        return new Ipv6Address(newHigh, newLow);
    }

    @Override
    public int compareTo(IpAddress other) {
        if (!(other instanceof Ipv6Address v6)) {
            return 1;
        }
        int c = Long.compareUnsigned(high, v6.high);
        return c != 0 ? c : Long.compareUnsigned(low, v6.low);
    }

    @JsonValue
    @Override
    public String toString() {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
