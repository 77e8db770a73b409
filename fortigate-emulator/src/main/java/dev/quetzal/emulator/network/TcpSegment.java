package dev.quetzal.emulator.network;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;

/**
 * One TCP segment (RFC 9293 §3.1) in an IPv4 or IPv6 packet: its addresses, ports, sequence numbers,
 * control bits and where its data is. {@link #read} checks what a receiver must (lengths, data offset,
 * checksum); {@link #write} builds a segment without options, checksum filled in.
 *
 * @param sequence and {@code acknowledgment} are unsigned 32-bit values
 * @param dataOffset where the data starts in the packet it was read from
 */
public record TcpSegment(IpAddress source, IpAddress destination, int sourcePort, int destinationPort, long sequence,
        long acknowledgment, int flags, int window, int dataOffset, int dataLength) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    /** A header without options. */
    public static final int HEADER = 20;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The sequence space the segment takes: its data, plus one each for SYN and FIN (RFC 9293 §3.4). */
    public long length() {
        return dataLength + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    /**
     * The segment at {@code packet[l4, l4 + l4Length)} of the IP packet starting at {@code ip}; null when it is
     * shorter than its header, its data offset is out of range or its checksum does not verify (RFC 9293 §3.1).
     */
    public static TcpSegment read(byte[] packet, int ip, int l4, int l4Length) {
        if (l4Length < HEADER) {
            return null;
        }
        int headerLength = ((packet[l4 + 12] & 0xF0) >>> 4) * 4;
        if (headerLength < HEADER || headerLength > l4Length
                || IpPackets.transportChecksum(packet, ip, l4, l4Length, IpPackets.PROTOCOL_TCP) != 0) {
            return null;
        }
        boolean v4 = (packet[ip] & 0xF0) == 0x40;
        IpAddress source = v4 ? new Ipv4Address(IpPackets.getInt(packet, ip + 12))
                : new Ipv6Address(IpPackets.getLong(packet, ip + 8), IpPackets.getLong(packet, ip + 16));
        IpAddress destination = v4 ? new Ipv4Address(IpPackets.getInt(packet, ip + 16))
                : new Ipv6Address(IpPackets.getLong(packet, ip + 24), IpPackets.getLong(packet, ip + 32));
        return new TcpSegment(source, destination, IpPackets.getShort(packet, l4), IpPackets.getShort(packet, l4 + 2),
                IpPackets.getInt(packet, l4 + 4) & 0xFFFFFFFFL, IpPackets.getInt(packet, l4 + 8) & 0xFFFFFFFFL,
                packet[l4 + 13] & 0x3F, IpPackets.getShort(packet, l4 + 14), l4 + headerLength, l4Length - headerLength);
    }

    /**
     * Writes an IP packet holding a segment with these fields (hop limit 64) and {@code data[offset, offset +
     * dataLength())} to {@code out} at 0; returns its length. {@code out} must hold it.
     */
    public int write(byte[] out, byte[] data, int offset) {
        boolean v4 = source instanceof Ipv4Address;
        int ipHeader = v4 ? IpPackets.IPV4_HEADER : IpPackets.IPV6_HEADER;
        int segment = HEADER + dataLength;
        if (v4) {
            IpPackets.writeIpv4Header(out, 0, ipHeader + segment, IpPackets.PROTOCOL_TCP, ((Ipv4Address) source).bits(),
                    ((Ipv4Address) destination).bits(), 0, 64);
        } else {
            Ipv6Address s = (Ipv6Address) source;
            Ipv6Address d = (Ipv6Address) destination;
            IpPackets.writeIpv6Header(out, 0, segment, IpPackets.PROTOCOL_TCP, s.high(), s.low(), d.high(), d.low(), 64);
        }
        int l4 = ipHeader;
        IpPackets.putShort(out, l4, sourcePort);
        IpPackets.putShort(out, l4 + 2, destinationPort);
        IpPackets.putInt(out, l4 + 4, (int) sequence);
        IpPackets.putInt(out, l4 + 8, (int) acknowledgment);
        out[l4 + 12] = (byte) ((HEADER / 4) << 4);
        out[l4 + 13] = (byte) flags;
        IpPackets.putShort(out, l4 + 14, window);
        IpPackets.putShort(out, l4 + 16, 0);
        IpPackets.putShort(out, l4 + 18, 0);
        if (dataLength > 0) {
            System.arraycopy(data, offset, out, l4 + HEADER, dataLength);
        }
        IpPackets.putShort(out, l4 + 16, IpPackets.transportChecksum(out, 0, l4, segment, IpPackets.PROTOCOL_TCP));
        return ipHeader + segment;
    }

    /** A segment back to this one's sender: addresses and ports swapped, no data. */
    public TcpSegment reply(long sequence, long acknowledgment, int flags, int window) {
        return new TcpSegment(destination, source, destinationPort, sourcePort, sequence, acknowledgment, flags, window,
                0, 0);
    }

    /** This segment carrying {@code length} octets of data instead. */
    public TcpSegment withData(int length) {
        return new TcpSegment(source, destination, sourcePort, destinationPort, sequence, acknowledgment, flags, window,
                0, length);
    }

    /** {@code a + b} in sequence space (RFC 9293 §3.4: arithmetic modulo 2^32). */
    public static long add(long a, long b) {
        return (a + b) & 0xFFFFFFFFL;
    }
}
