package dev.quetzal.runtime.router;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.packet.Ipv4Header;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;

/** Well-formed IPv4 (RFC 791 §3.1) and IPv6 (RFC 8200 §3) UDP packets for router tests. */
final class TestPackets {
    private TestPackets() {}

    /** An IPv4 UDP packet of {@code totalLength} bytes with a 20-byte header and a valid checksum. */
    static byte[] ipv4(String source, String destination, int totalLength) {
        byte[] packet = new byte[totalLength];
        packet[0] = 0x45;
        packet[2] = (byte) (totalLength >>> 8);
        packet[3] = (byte) totalLength;
        packet[8] = 64;
        packet[9] = 17;
        putInt(packet, 12, ((Ipv4Address) IpAddress.parse(source)).bits());
        putInt(packet, 16, ((Ipv4Address) IpAddress.parse(destination)).bits());
        PacketBuffer view = PacketBuffer.copyOf(packet, 0, 0);
        Ipv4Header.updateChecksum(view);
        return view.toByteArray();
    }

    /** An IPv6 UDP packet with {@code payloadLength} bytes after the 40-byte header. */
    static byte[] ipv6(String source, String destination, int payloadLength) {
        byte[] packet = new byte[40 + payloadLength];
        packet[0] = 0x60;
        packet[4] = (byte) (payloadLength >>> 8);
        packet[5] = (byte) payloadLength;
        packet[6] = 17;
        packet[7] = 64;
        Ipv6Address from = (Ipv6Address) IpAddress.parse(source);
        Ipv6Address to = (Ipv6Address) IpAddress.parse(destination);
        putLong(packet, 8, from.high());
        putLong(packet, 16, from.low());
        putLong(packet, 24, to.high());
        putLong(packet, 32, to.low());
        return packet;
    }

    /** {@code bytes} in a buffer from {@code pool}. */
    static PacketBuffer in(PacketBufferPool pool, byte[] bytes) {
        PacketBuffer buffer = pool.acquire();
        buffer.append(bytes, 0, bytes.length);
        return buffer;
    }

    private static void putInt(byte[] array, int at, int value) {
        array[at] = (byte) (value >>> 24);
        array[at + 1] = (byte) (value >>> 16);
        array[at + 2] = (byte) (value >>> 8);
        array[at + 3] = (byte) value;
    }

    private static void putLong(byte[] array, int at, long value) {
        putInt(array, at, (int) (value >>> 32));
        putInt(array, at + 4, (int) value);
    }
}
