package dev.quetzal.runtime.napt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;

/**
 * Builds IPv4 (RFC 791) and IPv6 (RFC 8200) packets carrying TCP (RFC 9293), UDP (RFC 768), ICMP
 * (RFC 792) and ICMPv6 (RFC 4443) with every checksum computed in full, and checks a translated
 * packet's checksums by computing them again from scratch (RFC 1071).
 */
final class NaptPackets {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP4 = 1;
    static final int ICMP6 = 58;
    static final int SYN = 0x02;
    static final int ACK = 0x10;
    static final int FIN = 0x01;
    static final int RST = 0x04;

    private NaptPackets() {}

    static byte[] udp(int sourcePort, int destinationPort, int payload) {
        byte[] l4 = new byte[8 + payload];
        put16(l4, 0, sourcePort);
        put16(l4, 2, destinationPort);
        put16(l4, 4, l4.length);
        for (int i = 8; i < l4.length; i++) {
            l4[i] = (byte) (i * 7);
        }
        return l4;
    }

    static byte[] tcp(int sourcePort, int destinationPort, int flags) {
        byte[] l4 = new byte[20 + 5];
        put16(l4, 0, sourcePort);
        put16(l4, 2, destinationPort);
        put16(l4, 4, 0x1234);
        l4[12] = 0x50;
        l4[13] = (byte) flags;
        put16(l4, 14, 65535);
        for (int i = 20; i < l4.length; i++) {
            l4[i] = (byte) (i * 13);
        }
        return l4;
    }

    /** An echo request (v4 type 8, v6 type 128) or reply (0, 129). */
    static byte[] echo(int type, int identifier, int sequence) {
        byte[] l4 = new byte[8 + 16];
        l4[0] = (byte) type;
        put16(l4, 4, identifier);
        put16(l4, 6, sequence);
        for (int i = 8; i < l4.length; i++) {
            l4[i] = (byte) i;
        }
        return l4;
    }

    /** An ICMP error of {@code type} and {@code code} quoting {@code embedded} (its first {@code quoted} bytes). */
    static byte[] icmpError(int type, int code, byte[] embedded, int quoted) {
        byte[] l4 = new byte[8 + quoted];
        l4[0] = (byte) type;
        l4[1] = (byte) code;
        System.arraycopy(embedded, 0, l4, 8, quoted);
        return l4;
    }

    /** An IP packet of the addresses' family carrying {@code l4} with its checksum filled in. */
    static byte[] ip(String source, String destination, int protocol, byte[] l4) {
        byte[] from = IpAddress.parse(source).toBytes();
        byte[] to = IpAddress.parse(destination).toBytes();
        byte[] packet;
        int l4At;
        if (from.length == 4) {
            packet = new byte[20 + l4.length];
            packet[0] = 0x45;
            put16(packet, 2, packet.length);
            put16(packet, 4, 0x4242);
            packet[8] = 64;
            packet[9] = (byte) protocol;
            System.arraycopy(from, 0, packet, 12, 4);
            System.arraycopy(to, 0, packet, 16, 4);
            put16(packet, 10, fold(sum(packet, 0, 20, 0)));
            l4At = 20;
        } else {
            packet = new byte[40 + l4.length];
            packet[0] = 0x60;
            put16(packet, 4, l4.length);
            packet[6] = (byte) protocol;
            packet[7] = 64;
            System.arraycopy(from, 0, packet, 8, 16);
            System.arraycopy(to, 0, packet, 24, 16);
            l4At = 40;
        }
        System.arraycopy(l4, 0, packet, l4At, l4.length);
        int at = checksumAt(protocol);
        if (at >= 0) {
            packet[l4At + at] = 0;
            packet[l4At + at + 1] = 0;
            int checksum = fold(transportSum(packet, from.length == 4 ? 0 : 1, 0, l4At, packet.length, protocol));
            if (protocol == UDP && checksum == 0) {
                checksum = 0xFFFF;
            }
            put16(packet, l4At + at, checksum);
        }
        return packet;
    }

    static PacketBuffer buffer(byte[] packet) {
        return PacketBuffer.copyOf(packet, 64, 64);
    }

    /**
     * Checks the IPv4 header checksum and the transport checksum of the packet starting at {@code ip}
     * of {@code bytes} by full recomputation; a zero IPv4 UDP checksum means "none" and passes.
     */
    static void assertChecksums(byte[] bytes, int ip, int end) {
        int family = (bytes[ip] & 0xF0) == 0x40 ? 0 : 1;
        int l4;
        int protocol;
        if (family == 0) {
            int ihl = (bytes[ip] & 0x0F) * 4;
            assertEquals(0xFFFF, fold16(sum(bytes, ip, ip + ihl, 0)), "IPv4 header checksum (RFC 791 §3.1)");
            protocol = bytes[ip + 9] & 0xFF;
            l4 = ip + ihl;
        } else {
            protocol = bytes[ip + 6] & 0xFF;
            l4 = ip + 40;
        }
        int at = checksumAt(protocol);
        if (protocol == UDP && family == 0 && get16(bytes, l4 + 6) == 0) {
            return;
        }
        if (at >= 0) {
            assertEquals(0xFFFF, fold16(transportSum(bytes, family, ip, l4, end, protocol)),
                    "transport checksum of protocol " + protocol + " recomputed in full (RFC 1071)");
        }
    }

    static void assertChecksums(PacketBuffer packet) {
        assertChecksums(packet.toByteArray(), 0, packet.length());
    }

    static int get16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    static void put16(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static int checksumAt(int protocol) {
        return switch (protocol) {
            case TCP -> 16;
            case UDP -> 6;
            case ICMP4, ICMP6 -> 2;
            default -> -1;
        };
    }

    /** The one's-complement sum of the transport data and, but for ICMPv4, the pseudo-header. */
    private static long transportSum(byte[] packet, int family, int ip, int l4, int end, int protocol) {
        long sum = sum(packet, l4, end, 0);
        if (protocol == ICMP4) {
            return sum;
        }
        if (family == 0) {
            sum = sum(packet, ip + 12, ip + 20, sum);
        } else {
            sum = sum(packet, ip + 8, ip + 40, sum);
        }
        return sum + protocol + (end - l4);
    }

    private static long sum(byte[] bytes, int from, int to, long sum) {
        for (int i = from; i < to; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (i + 1 < to ? bytes[i + 1] & 0xFF : 0);
        }
        return sum;
    }

    private static int fold16(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static int fold(long sum) {
        return ~fold16(sum) & 0xFFFF;
    }
}
