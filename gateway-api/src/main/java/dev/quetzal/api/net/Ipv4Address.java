package dev.quetzal.api.net;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 address held as a big-endian int, as {@link dev.quetzal.api.packet.Ipv4Header} reads it. */
public record Ipv4Address(int bits) implements IpAddress {
    public static Ipv4Address of(byte[] bytes) {
        if (bytes.length != 4) {
            throw new IllegalArgumentException("expected 4 address bytes, got " + bytes.length);
        }
        return new Ipv4Address(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
                | (bytes[3] & 0xFF));
    }

    @Override
    public IpFamily family() {
        return IpFamily.IPV4;
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an address", e);
        }
    }

    @Override
    public boolean bit(int index) {
        return ((bits >>> (31 - index)) & 1) != 0;
    }

    @Override
    public Ipv4Address mask(int length) {
        return new Ipv4Address(length == 0 ? 0 : bits & (-1 << (32 - length)));
    }

    @Override
    public Ipv4Address plus(long delta) {
        long next = (bits & 0xFFFFFFFFL) + delta;
        if (next < 0 || next > 0xFFFFFFFFL) {
            throw new ArithmeticException(this + " + " + delta + " leaves the IPv4 space");
        }
        return new Ipv4Address((int) next);
    }

    @Override
    public int compareTo(IpAddress other) {
        return other instanceof Ipv4Address v4 ? Integer.compareUnsigned(bits, v4.bits) : -1;
    }

    @JsonValue
    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
