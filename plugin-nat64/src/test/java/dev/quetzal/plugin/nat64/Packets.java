package dev.quetzal.plugin.nat64;

import dev.quetzal.api.net.IpAddress;
import java.nio.ByteBuffer;

/** Builds test packets with valid checksums, and checks checksums of translated ones. */
public final class Packets {
    private Packets() {}

    /** An IPv4 packet with a valid header checksum; {@code flags} holds DF/MF and the fragment offset field. */
    public static byte[] ipv4(String src, String dst, int protocol, int ttl, int id, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) flags).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .put(IpAddress.parse(src).toBytes()).put(IpAddress.parse(dst).toBytes()).put(payload);
        byte[] p = b.array();
        put16(p, 10, ~sum(p, 0, 20, 0) & 0xFFFF);
        return p;
    }

    /** An IPv6 packet; {@code payload} starts with any extension headers, {@code nextHeader} names the first. */
    public static byte[] ipv6(String src, String dst, int nextHeader, int hopLimit, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) hopLimit)
                .put(IpAddress.parse(src).toBytes()).put(IpAddress.parse(dst).toBytes()).put(payload);
        return b.array();
    }

    /** A UDP datagram with a zero checksum (fill it with {@link #fixTransport}). */
    public static byte[] udp(int srcPort, int dstPort, int payloadLength) {
        byte[] u = new byte[8 + payloadLength];
        put16(u, 0, srcPort);
        put16(u, 2, dstPort);
        put16(u, 4, u.length);
        for (int i = 8; i < u.length; i++) {
            u[i] = (byte) i;
        }
        return u;
    }

    /** An ICMP message: type, code, 4 bytes of rest, then {@code body}; checksum zero. */
    public static byte[] icmp(int type, int code, int rest, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(body);
        return b.array();
    }

    /**
     * Sets the checksum of the transport header at {@code l4} (UDP 17 at +6, TCP 6 at +16, ICMPv4
     * 1 at +2 without pseudo-header, ICMPv6 58 at +2).
     */
    public static byte[] fixTransport(byte[] p, int l4, int protocol) {
        int at = l4 + (protocol == 6 ? 16 : protocol == 17 ? 6 : 2);
        p[at] = 0;
        p[at + 1] = 0;
        int c = ~transportSum(p, l4, protocol) & 0xFFFF;
        if (protocol == 17 && c == 0) {
            c = 0xFFFF;
        }
        put16(p, at, c);
        return p;
    }

    /** True when the transport checksum at {@code l4} verifies. */
    public static boolean transportValid(byte[] p, int l4, int protocol) {
        return transportSum(p, l4, protocol) == 0xFFFF;
    }

    /** True when the IPv4 header checksum at {@code at} verifies. */
    public static boolean ipv4HeaderValid(byte[] p, int at) {
        return sum(p, at, (p[at] & 0x0F) * 4, 0) == 0xFFFF;
    }

    private static int transportSum(byte[] p, int l4, int protocol) {
        int length = p.length - l4;
        int s = 0;
        if ((p[0] & 0xF0) == 0x60) {
            s = sum(p, 8, 32, 0);
            s = sum32(s, length);
            s = sum32(s, protocol);
        } else if (protocol != 1) {
            s = sum(p, 12, 8, 0);
            s = sum32(s, length);
            s = sum32(s, protocol);
        }
        return sum(p, l4, length, s);
    }

    static int sum32(int s, int v) {
        long t = (s & 0xFFFFFFFFL) + (v >>> 16) + (v & 0xFFFF);
        while ((t >>> 16) != 0) {
            t = (t & 0xFFFF) + (t >>> 16);
        }
        return (int) t;
    }

    public static int sum(byte[] p, int from, int length, int initial) {
        long s = initial;
        for (int i = 0; i < length; i += 2) {
            s += (p[from + i] & 0xFF) << 8 | (i + 1 < length ? p[from + i + 1] & 0xFF : 0);
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    public static int u16(byte[] p, int at) {
        return (p[at] & 0xFF) << 8 | (p[at + 1] & 0xFF);
    }

    public static void put16(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] part : parts) {
            b.put(part);
        }
        return b.array();
    }

    public static IpAddress address(byte[] p, int at, int length) {
        byte[] a = new byte[length];
        System.arraycopy(p, at, a, 0, length);
        return length == 4 ? dev.quetzal.api.net.Ipv4Address.of(a) : dev.quetzal.api.net.Ipv6Address.of(a);
    }
}
