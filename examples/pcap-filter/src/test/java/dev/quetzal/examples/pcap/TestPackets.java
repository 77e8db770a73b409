package dev.quetzal.examples.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Well-formed IPv4 (RFC 791) and IPv6 (RFC 8200) UDP (RFC 768) packets with correct checksums. */
final class TestPackets {
    private static final int UDP = 17;

    private TestPackets() {}

    static byte[] ipv4Udp(String source, String destination, int sourcePort, int destinationPort, String payload) {
        byte[] src = address(source);
        byte[] dst = address(destination);
        byte[] udp = udp(sourcePort, destinationPort, payload);
        ByteBuffer packet = ByteBuffer.allocate(20 + udp.length);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.length)); // version 4, IHL 5
        packet.putShort((short) 0x1234).putShort((short) 0x4000); // identification, don't fragment
        packet.put((byte) 64).put((byte) UDP).putShort((short) 0).put(src).put(dst);
        packet.putShort(10, checksum(packet.array(), 0, 20, 0));
        packet.put(udp);
        ByteBuffer pseudo = ByteBuffer.allocate(12).put(src).put(dst).put((byte) 0).put((byte) UDP).putShort((short) udp.length);
        packet.putShort(20 + 6, udpChecksum(pseudo.array(), udp));
        return packet.array();
    }

    static byte[] ipv6Udp(String source, String destination, int sourcePort, int destinationPort, String payload) {
        byte[] src = address(source);
        byte[] dst = address(destination);
        byte[] udp = udp(sourcePort, destinationPort, payload);
        ByteBuffer packet = ByteBuffer.allocate(40 + udp.length);
        packet.putInt(0x6000_0000).putShort((short) udp.length).put((byte) UDP).put((byte) 64).put(src).put(dst);
        packet.put(udp);
        ByteBuffer pseudo = ByteBuffer.allocate(40).put(src).put(dst).putInt(udp.length).putInt(UDP);
        packet.putShort(40 + 6, udpChecksum(pseudo.array(), udp));
        return packet.array();
    }

    private static byte[] udp(int sourcePort, int destinationPort, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + data.length)
                .putShort((short) sourcePort).putShort((short) destinationPort)
                .putShort((short) (8 + data.length)).putShort((short) 0)
                .put(data)
                .array();
    }

    private static short udpChecksum(byte[] pseudoHeader, byte[] udp) {
        byte[] all = ByteBuffer.allocate(pseudoHeader.length + udp.length).put(pseudoHeader).put(udp).array();
        short sum = checksum(all, 0, all.length, 0);
        return sum == 0 ? (short) 0xffff : sum; // 0 means "no checksum" in UDP
    }

    /** The Internet checksum (RFC 1071). */
    private static short checksum(byte[] data, int offset, int length, int initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xff;
            int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
