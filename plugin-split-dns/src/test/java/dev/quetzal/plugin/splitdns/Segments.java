package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import java.io.ByteArrayOutputStream;

/** IP/TCP packets (RFC 791, RFC 8200, RFC 9293 §3.1) and DNS framing over TCP (RFC 1035 §4.2.2) for tests. */
final class Segments {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;
    static final int PSH = 0x08;

    private Segments() {}

    /** A TCP segment with a 20-byte header (or 32 with the timestamp option's worth of padding). */
    static PacketBuffer tcp(String source, int sourcePort, String destination, int destinationPort, int sequence,
            int flags, byte[] payload) {
        return tcp(source, sourcePort, destination, destinationPort, sequence, 0, flags, payload);
    }

    /** A TCP segment with an acknowledgment number. */
    static PacketBuffer tcp(String source, int sourcePort, String destination, int destinationPort, int sequence,
            int acknowledgment, int flags, byte[] payload) {
        IpAddress from = IpAddress.parse(source);
        IpAddress to = IpAddress.parse(destination);
        boolean v4 = from.toBytes().length == 4;
        int ipHeader = v4 ? 20 : 40;
        int tcpHeader = 32; // 12 bytes of NOP/timestamp-sized options, as Linux sends
        int total = ipHeader + tcpHeader + payload.length;
        byte[] b = new byte[total];
        if (v4) {
            b[0] = 0x45;
            b[2] = (byte) (total >>> 8);
            b[3] = (byte) total;
            b[8] = 64;
            b[9] = 6;
            System.arraycopy(from.toBytes(), 0, b, 12, 4);
            System.arraycopy(to.toBytes(), 0, b, 16, 4);
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
            }
            sum = (sum & 0xFFFF) + (sum >>> 16);
            sum = ~((sum & 0xFFFF) + (sum >>> 16)) & 0xFFFF;
            b[10] = (byte) (sum >>> 8);
            b[11] = (byte) sum;
        } else {
            b[0] = 0x60;
            int payloadLength = tcpHeader + payload.length;
            b[4] = (byte) (payloadLength >>> 8);
            b[5] = (byte) payloadLength;
            b[6] = 6;
            b[7] = 64;
            System.arraycopy(from.toBytes(), 0, b, 8, 16);
            System.arraycopy(to.toBytes(), 0, b, 24, 16);
        }
        int t = ipHeader;
        b[t] = (byte) (sourcePort >>> 8);
        b[t + 1] = (byte) sourcePort;
        b[t + 2] = (byte) (destinationPort >>> 8);
        b[t + 3] = (byte) destinationPort;
        for (int i = 0; i < 4; i++) {
            b[t + 4 + i] = (byte) (sequence >>> (24 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[t + 8 + i] = (byte) (acknowledgment >>> (24 - 8 * i));
        }
        b[t + 12] = (byte) ((tcpHeader / 4) << 4);
        b[t + 13] = (byte) flags;
        b[t + 14] = (byte) 0xFF;
        b[t + 15] = (byte) 0xFF;
        for (int i = t + 20; i < t + tcpHeader; i++) {
            b[i] = 1; // NOP
        }
        System.arraycopy(payload, 0, b, ipHeader + tcpHeader, payload.length);
        return PacketBuffer.copyOf(b, 64, 64);
    }

    /** The messages, each preceded by its two-octet length (RFC 1035 §4.2.2). */
    static byte[] framed(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.write(message.length >>> 8);
            out.write(message.length);
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    /** The one's complement sum over the pseudo-header and the whole segment; 0xFFFF when the checksum is right. */
    static int checksumSum(PacketBuffer packet) {
        byte[] b = packet.toByteArray();
        boolean v4 = packet.ipVersion() == 4;
        int tcp = v4 ? (b[0] & 0x0F) * 4 : 40;
        int length = b.length - tcp;
        long sum = 6 + length;
        for (int i = v4 ? 12 : 8; i < (v4 ? 20 : 40); i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        for (int i = 0; i < length; i += 2) {
            sum += ((b[tcp + i] & 0xFF) << 8) | (i + 1 < length ? b[tcp + i + 1] & 0xFF : 0);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
