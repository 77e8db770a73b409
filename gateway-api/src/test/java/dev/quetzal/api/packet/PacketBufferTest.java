package dev.quetzal.api.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Buffer bounds and the IPv4 (RFC 791 §3.1, checksum per RFC 1071 §4.1) and IPv6 (RFC 8200 §3)
 * header accessors.
 */
final class PacketBufferTest {
    /** IPv4/UDP 192.0.2.1:1024 -> 198.51.100.7:53, 28 bytes, TTL 64, header checksum 0x324f. */
    private static byte[] ipv4Udp() {
        return HexFormat.of().parseHex("4500001c1c4640004011324fc0000201c6336407" + "0400003500080000");
    }

    @Test
    void prependsIntoHeadroomAndAppendsIntoTailroom() {
        PacketBuffer buffer = PacketBuffer.allocate(16, 32);
        buffer.append(new byte[] {1, 2, 3}, 0, 3);
        assertEquals(16, buffer.headroom());
        int at = buffer.prepend(8);
        assertEquals(8, at);
        assertEquals(11, buffer.length());
        assertEquals(1, buffer.getUnsignedByte(8));
        buffer.trimFront(8);
        assertEquals(3, buffer.length());
        assertEquals(29, buffer.tailroom());
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.prepend(17));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.append(30));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.getUnsignedShort(2));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.getUnsignedByte(-1));
    }

    @Test
    void readsAndWritesBigEndian() {
        PacketBuffer buffer = PacketBuffer.allocate(0, 16);
        buffer.setLength(16);
        buffer.putLong(0, 0x0102030405060708L);
        buffer.putInt(8, 0xCAFEBABE);
        buffer.putShort(12, 0xBEEF);
        assertEquals(0x0102030405060708L, buffer.getLong(0));
        assertEquals(0xCAFEBABE, buffer.getInt(8));
        assertEquals(0xBEEF, buffer.getUnsignedShort(12));
        assertEquals(0xBE, buffer.getUnsignedByte(12));
    }

    @Test
    void readsIpv4HeaderAndVerifiesItsChecksum() {
        PacketBuffer packet = PacketBuffer.copyOf(ipv4Udp(), 64, 0);
        assertTrue(Ipv4Header.isWellFormed(packet));
        assertEquals(20, Ipv4Header.headerLength(packet));
        assertEquals(28, Ipv4Header.totalLength(packet));
        assertEquals(17, Ipv4Header.protocol(packet));
        assertEquals(64, Ipv4Header.ttl(packet));
        assertTrue(Ipv4Header.dontFragment(packet));
        assertFalse(Ipv4Header.moreFragments(packet));
        assertEquals(0xC0000201, Ipv4Header.source(packet));
        assertEquals(0xC6336407, Ipv4Header.destination(packet));
        assertEquals(Ipv4Header.checksum(packet), Ipv4Header.computeChecksum(packet));
        Ipv4Header.setTtl(packet, 63);
        Ipv4Header.updateChecksum(packet);
        assertEquals(0x334F, Ipv4Header.checksum(packet));
    }

    @Test
    void refusesEveryTruncatedIpv4Header() {
        byte[] full = ipv4Udp();
        for (int length = 0; length < full.length; length++) {
            byte[] prefix = java.util.Arrays.copyOf(full, length);
            assertFalse(Ipv4Header.isWellFormed(PacketBuffer.copyOf(prefix, 0, 0)), "length " + length);
        }
        byte[] shortIhl = ipv4Udp();
        shortIhl[0] = 0x44;
        assertFalse(Ipv4Header.isWellFormed(PacketBuffer.copyOf(shortIhl, 0, 0)));
        byte[] v6 = ipv4Udp();
        v6[0] = 0x65;
        assertFalse(Ipv4Header.isWellFormed(PacketBuffer.copyOf(v6, 0, 0)));
    }

    @Test
    void readsIpv6Header() {
        byte[] bytes = HexFormat.of().parseHex("6000000000083a40" + "20010db8000000000000000000000001"
                + "20010db8000000000000000000000002" + "8000000000000000");
        PacketBuffer packet = PacketBuffer.copyOf(bytes, 0, 0);
        assertTrue(Ipv6Header.isWellFormed(packet));
        assertEquals(8, Ipv6Header.payloadLength(packet));
        assertEquals(58, Ipv6Header.nextHeader(packet));
        assertEquals(64, Ipv6Header.hopLimit(packet));
        assertEquals(0x20010db800000000L, Ipv6Header.destinationHigh(packet));
        assertEquals(2L, Ipv6Header.destinationLow(packet));
        packet.setLength(47);
        assertFalse(Ipv6Header.isWellFormed(packet));
    }

    @Test
    void releaseReturnsToItsPool() {
        PacketBuffer[] released = new PacketBuffer[1];
        PacketBufferPool pool = new PacketBufferPool() {
            @Override
            public int headroom() {
                return 0;
            }

            @Override
            public int capacity() {
                return 8;
            }

            @Override
            public PacketBuffer acquire() {
                return new PacketBuffer(new byte[8], 0, this);
            }

            @Override
            public void release(PacketBuffer buffer) {
                released[0] = buffer;
            }
        };
        PacketBuffer buffer = pool.acquire();
        buffer.release();
        assertSame(buffer, released[0]);
        assertArrayEquals(new byte[0], PacketBuffer.allocate(0, 0).toByteArray());
    }
}
