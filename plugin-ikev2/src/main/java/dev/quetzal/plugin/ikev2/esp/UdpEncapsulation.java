package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * UDP encapsulation of ESP and IKE on the NAT-T port (RFC 3948). A datagram is a NAT keepalive (one 0xFF
 * byte, §2.3), IKE behind the 4-byte non-ESP marker (§2.2), or ESP whose first 4 bytes are the non-zero SPI
 * (§2.1). strongSwan's rule (strongswan.md §2): when either port is 500 the datagram is IKE without any
 * marker, whatever its first bytes are, and it adds a marker only when neither port is 500.
 */
public final class UdpEncapsulation {
    public static final int IKE_PORT = 500;
    public static final int NON_ESP_MARKER_LENGTH = 4;
    /** SPI and sequence number: the least an ESP packet can be. */
    private static final int MIN_ESP = 8;

    /** What a datagram received on the NAT-T (or a single shared) port carries. */
    public enum Kind {
        NAT_KEEPALIVE,
        /** IKE; the message starts at {@link #ikeOffset}. */
        IKE,
        /** ESP; the SPI is {@link #spi}. */
        ESP,
        /** Empty, too short for ESP, or a reserved SPI (1-255, RFC 4303 §2.1): count and drop. */
        MALFORMED
    }

    private UdpEncapsulation() {}

    public static Kind classify(PacketBuffer datagram, int sourcePort, int destinationPort) {
        int length = datagram.length();
        if (length == 1 && datagram.getUnsignedByte(0) == 0xFF) {
            return Kind.NAT_KEEPALIVE;
        }
        if (length == 0) {
            return Kind.MALFORMED;
        }
        if (!markerUsed(sourcePort, destinationPort)) {
            return Kind.IKE;
        }
        if (length >= NON_ESP_MARKER_LENGTH && datagram.getInt(0) == 0) {
            return Kind.IKE;
        }
        if (length < MIN_ESP || Integer.compareUnsigned(datagram.getInt(0), 256) < 0) {
            return Kind.MALFORMED;
        }
        return Kind.ESP;
    }

    /** Where the IKE message starts in a datagram {@link #classify} called IKE: after the marker or at 0. */
    public static int ikeOffset(int sourcePort, int destinationPort) {
        return markerUsed(sourcePort, destinationPort) ? NON_ESP_MARKER_LENGTH : 0;
    }

    /** The SPI of a datagram {@link #classify} called ESP. */
    public static int spi(PacketBuffer datagram) {
        return datagram.getInt(0);
    }

    /** Whether IKE between these ports carries the non-ESP marker: only when neither is 500. */
    public static boolean markerUsed(int localPort, int remotePort) {
        return localPort != IKE_PORT && remotePort != IKE_PORT;
    }

    /** Frames an outgoing IKE message for these ports: prepends the 4 zero bytes when the marker is used. */
    public static void frameIke(PacketBuffer message, int localPort, int remotePort) {
        if (markerUsed(localPort, remotePort)) {
            message.prepend(NON_ESP_MARKER_LENGTH);
            message.putInt(0, 0);
        }
    }
}
