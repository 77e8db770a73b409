package dev.quetzal.plugin.ikev2.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.esp.UdpEncapsulation.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 3948 §2 datagram kinds on the NAT-T port, and strongSwan's port-500 rule (strongswan.md §2). */
final class UdpEncapsulationTest {
    private static PacketBuffer datagram(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return PacketBuffer.copyOf(b, 8, 8);
    }

    @Test
    @DisplayName("RFC 3948 §2.3: a single 0xFF byte is a NAT keepalive, on any ports")
    void keepalive() {
        assertEquals(Kind.NAT_KEEPALIVE, UdpEncapsulation.classify(datagram(0xFF), 4500, 4500));
        assertEquals(Kind.NAT_KEEPALIVE, UdpEncapsulation.classify(datagram(0xFF), 500, 4500));
        assertEquals(Kind.MALFORMED, UdpEncapsulation.classify(datagram(0xFE), 4500, 4500));
        assertEquals(Kind.MALFORMED, UdpEncapsulation.classify(datagram(), 4500, 4500));
    }

    @Test
    @DisplayName("RFC 3948 §2.2: four zero bytes are the non-ESP marker; IKE starts after it")
    void nonEspMarker() {
        PacketBuffer ike = datagram(0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55);
        assertEquals(Kind.IKE, UdpEncapsulation.classify(ike, 4500, 4500));
        assertEquals(4, UdpEncapsulation.ikeOffset(4500, 4500));
        assertEquals(Kind.IKE, UdpEncapsulation.classify(datagram(0, 0, 0, 0), 6001, 5000));
    }

    @Test
    @DisplayName("RFC 3948 §2.1: otherwise ESP, its SPI first; reserved SPIs 1-255 and short datagrams are malformed")
    void esp() {
        PacketBuffer esp = datagram(0xC0, 0xFF, 0xEE, 0x01, 0, 0, 0, 1, 9, 9);
        assertEquals(Kind.ESP, UdpEncapsulation.classify(esp, 4500, 4500));
        assertEquals(0xC0FFEE01, UdpEncapsulation.spi(esp));
        assertEquals(Kind.MALFORMED, UdpEncapsulation.classify(datagram(0, 0, 0, 0xFF, 0, 0, 0, 1), 4500, 4500));
        assertEquals(Kind.MALFORMED, UdpEncapsulation.classify(datagram(0xC0, 0xFF, 0xEE, 1, 0, 0, 0), 4500, 4500));
        assertEquals(Kind.MALFORMED, UdpEncapsulation.classify(datagram(0, 0, 0), 4500, 4500));
    }

    @Test
    @DisplayName("strongswan.md §2: with port 500 on either side the datagram is IKE without a marker")
    void port500CarriesIkeWithoutMarker() {
        PacketBuffer ikeHeader = datagram(0xC0, 0xFF, 0xEE, 0x01, 0, 0, 0, 1, 9, 9);
        assertEquals(Kind.IKE, UdpEncapsulation.classify(ikeHeader, 500, 4500));
        assertEquals(Kind.IKE, UdpEncapsulation.classify(ikeHeader, 4500, 500));
        assertEquals(0, UdpEncapsulation.ikeOffset(500, 4500));
        assertFalse(UdpEncapsulation.markerUsed(4500, 500));
        assertTrue(UdpEncapsulation.markerUsed(5000, 6001));
    }

    @Test
    @DisplayName("RFC 3948 §2.2: outgoing IKE gets the marker exactly when neither port is 500")
    void framing() {
        PacketBuffer m = datagram(1, 2, 3);
        UdpEncapsulation.frameIke(m, 4500, 4500);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2, 3}, m.toByteArray());
        PacketBuffer plain = datagram(1, 2, 3);
        UdpEncapsulation.frameIke(plain, 4500, 500);
        assertArrayEquals(new byte[] {1, 2, 3}, plain.toByteArray());
    }
}
