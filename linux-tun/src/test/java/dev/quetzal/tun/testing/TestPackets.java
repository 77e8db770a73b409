package dev.quetzal.tun.testing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Hand-built IP packets for tests that talk to a real kernel: IPv4 (RFC 791 §3.1), IPv6
 * (RFC 8200 §3), ICMP echo (RFC 792, RFC 4443 §4.1-4.2) and UDP (RFC 768), with the Internet
 * checksum of RFC 1071 and the pseudo-headers of RFC 768 and RFC 8200 §8.1.
 */
public final class TestPackets {
    public static final int ICMP = 1;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    private TestPackets() {
    }

    /** An IP packet as a test sees it: addresses, upper-layer protocol and payload. */
    public record Parsed(int version, InetAddress source, InetAddress destination, int protocol, byte[] payload) {
        /** An ICMP (v4: type 0, v6: type 129) echo reply with this identifier and sequence number. */
        public boolean isEchoReply(int identifier, int sequence) {
            int replyType = version == 4 ? 0 : 129;
            int icmp = version == 4 ? ICMP : ICMPV6;
            ByteBuffer b = ByteBuffer.wrap(payload);
            return protocol == icmp && payload.length >= 8 && Byte.toUnsignedInt(b.get(0)) == replyType
                    && Short.toUnsignedInt(b.getShort(4)) == identifier && Short.toUnsignedInt(b.getShort(6)) == sequence;
        }

        /** The data of a UDP datagram from {@code sourcePort} to {@code destinationPort}, if this is one. */
        public Optional<byte[]> udpData(int sourcePort, int destinationPort) {
            ByteBuffer b = ByteBuffer.wrap(payload);
            if (protocol != UDP || payload.length < 8 || Short.toUnsignedInt(b.getShort(0)) != sourcePort
                    || Short.toUnsignedInt(b.getShort(2)) != destinationPort) {
                return Optional.empty();
            }
            int length = Math.min(Short.toUnsignedInt(b.getShort(4)), payload.length);
            return Optional.of(Arrays.copyOfRange(payload, 8, length));
        }
    }

    /** Parses an IPv4 or IPv6 packet without extension headers; empty for anything else. */
    public static Optional<Parsed> parse(byte[] packet, int offset, int length) {
        if (length < 1) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(packet, offset, length).slice();
        int version = Byte.toUnsignedInt(b.get(0)) >> 4;
        if (version == 4 && length >= 20) {
            int headerLength = (b.get(0) & 0x0f) * 4;
            int total = Short.toUnsignedInt(b.getShort(2));
            if (headerLength < 20 || total < headerLength || total > length) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(4, address(packet, offset + 12, 4), address(packet, offset + 16, 4),
                    Byte.toUnsignedInt(b.get(9)), Arrays.copyOfRange(packet, offset + headerLength, offset + total)));
        }
        if (version == 6 && length >= 40) {
            int total = 40 + Short.toUnsignedInt(b.getShort(4));
            if (total > length) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(6, address(packet, offset + 8, 16), address(packet, offset + 24, 16),
                    Byte.toUnsignedInt(b.get(6)), Arrays.copyOfRange(packet, offset + 40, offset + total)));
        }
        return Optional.empty();
    }

    /** An ICMP echo request (RFC 792) or ICMPv6 echo request (RFC 4443 §4.1), by the addresses' family. */
    public static byte[] echoRequest(String source, String destination, int identifier, int sequence, byte[] data) {
        InetAddress from = literal(source);
        InetAddress to = literal(destination);
        boolean v6 = from instanceof Inet6Address;
        ByteBuffer icmp = ByteBuffer.allocate(8 + data.length);
        icmp.put((byte) (v6 ? 128 : 8)).put((byte) 0).putShort((short) 0)
                .putShort((short) identifier).putShort((short) sequence).put(data);
        byte[] message = icmp.array();
        int protocol = v6 ? ICMPV6 : ICMP;
        int sum = v6 ? checksum(pseudoHeader(from, to, protocol, message.length), message) : checksum(message);
        putShort(message, 2, sum);
        return ip(from, to, protocol, message);
    }

    /** A UDP datagram (RFC 768) with its checksum. */
    public static byte[] udp(String source, int sourcePort, String destination, int destinationPort, byte[] data) {
        InetAddress from = literal(source);
        InetAddress to = literal(destination);
        ByteBuffer udp = ByteBuffer.allocate(8 + data.length);
        udp.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + data.length))
                .putShort((short) 0).put(data);
        byte[] datagram = udp.array();
        int sum = checksum(pseudoHeader(from, to, UDP, datagram.length), datagram);
        putShort(datagram, 6, sum == 0 ? 0xffff : sum);
        return ip(from, to, UDP, datagram);
    }

    private static byte[] ip(InetAddress from, InetAddress to, int protocol, byte[] payload) {
        if (from instanceof Inet4Address) {
            ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 0x5151)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                    .put(from.getAddress()).put(to.getAddress()).put(payload);
            byte[] packet = b.array();
            putShort(packet, 10, checksum(Arrays.copyOf(packet, 20)));
            return packet;
        }
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) protocol).put((byte) 64)
                .put(from.getAddress()).put(to.getAddress()).put(payload);
        return b.array();
    }

    /** RFC 768 (IPv4) or RFC 8200 §8.1 (IPv6) pseudo-header. */
    private static byte[] pseudoHeader(InetAddress from, InetAddress to, int protocol, int length) {
        byte[] source = from.getAddress();
        ByteBuffer b = ByteBuffer.allocate(source.length * 2 + (source.length == 4 ? 4 : 8));
        b.put(source).put(to.getAddress());
        if (source.length == 4) {
            b.put((byte) 0).put((byte) protocol).putShort((short) length);
        } else {
            b.putInt(length).putInt(protocol);
        }
        return b.array();
    }

    /** The RFC 1071 Internet checksum over the concatenated parts (each of even length but the last). */
    public static int checksum(byte[]... parts) {
        long sum = 0;
        for (byte[] part : parts) {
            for (int i = 0; i < part.length; i += 2) {
                int high = Byte.toUnsignedInt(part[i]) << 8;
                sum += i + 1 < part.length ? high | Byte.toUnsignedInt(part[i + 1]) : high;
            }
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putShort(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >> 8);
        b[offset + 1] = (byte) value;
    }

    private static InetAddress address(byte[] packet, int offset, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(packet, offset, offset + length));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An IP literal (no name lookup happens for literals). */
    public static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + address, e);
        }
    }
}
