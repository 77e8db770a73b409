package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.xlat.Checksum.put16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u16;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * RFC 7915 §4.1 and §6: splits a translated IPv6 packet that carries a Fragment header into
 * fragments of at most the lowest IPv6 MTU (RFC 8200 §4.5). The leading fragments are copied into
 * new buffers; the packet itself becomes the last fragment without moving its data.
 */
final class Fragmenter {
    private static final int HEADERS = 48;

    private Fragmenter() {}

    static Translation fragment(PacketBuffer p, PacketOutput output, int mtu) {
        byte[] a = p.array();
        int o = p.arrayOffset();
        int data = p.length() - HEADERS;
        int chunk = ((mtu - HEADERS) / 8) * 8;
        int field = u16(a, o + 42);
        int offset = field & 0xFFF8;
        int more = field & 1;
        int count = (data + chunk - 1) / chunk;
        for (int k = 0; k < count - 1; k++) {
            PacketBuffer piece = output.acquire();
            if (piece == null) {
                return Translation.NO_ROOM;
            }
            if (piece.tailroom() < HEADERS + chunk) {
                piece.release();
                return Translation.NO_ROOM;
            }
            piece.append(a, o, HEADERS);
            piece.append(a, o + HEADERS + k * chunk, chunk);
            byte[] b = piece.array();
            int q = piece.arrayOffset();
            put16(b, q + 4, 8 + chunk);
            put16(b, q + 42, (offset + k * chunk) | 1);
            output.emit(piece);
        }
        int last = (count - 1) * chunk;
        System.arraycopy(a, o, a, o + last, HEADERS);
        p.trimFront(last);
        o = p.arrayOffset();
        put16(a, o + 4, 8 + data - last);
        put16(a, o + 42, (offset + last) | more);
        return Translation.TRANSLATED;
    }
}
