package dev.quetzal.runtime.napt;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * Where an IP packet's transport header is and what it is, read without allocating: the fixed
 * header, then for IPv6 the extension headers (RFC 8200 §4) up to the first upper-layer header.
 * Reused by one translator under its lock; {@link #read} fills the fields.
 */
final class PacketLayout {
    static final int OK = 0;
    static final int TRUNCATED = 1;
    /** A fragment other than the first: it carries no ports to translate. */
    static final int LATER_FRAGMENT = 2;
    static final int UNSUPPORTED = 3;

    private static final int MAX_EXTENSION_HEADERS = 8;

    int family;
    int protocol;
    int transport;
    int end;

    /**
     * Reads the packet whose IP header starts at {@code ip} and whose bytes end at {@code limit}
     * (the packet may be cut short there, as an ICMP error's embedded packet is). Returns {@link #OK}
     * with the fields set, or why not.
     */
    int read(PacketBuffer packet, int ip, int limit) {
        if (limit - ip < 1) {
            return TRUNCATED;
        }
        int version = packet.getUnsignedByte(ip) >>> 4;
        if (version == 4) {
            family = 0;
            if (limit - ip < 20) {
                return TRUNCATED;
            }
            int headerLength = (packet.getUnsignedByte(ip) & 0x0F) * 4;
            end = Math.min(limit, ip + packet.getUnsignedShort(ip + 2));
            if (headerLength < 20 || ip + headerLength > end) {
                return TRUNCATED;
            }
            if ((packet.getUnsignedShort(ip + 6) & 0x1FFF) != 0) {
                return LATER_FRAGMENT;
            }
            protocol = packet.getUnsignedByte(ip + 9);
            transport = ip + headerLength;
            return OK;
        }
        if (version != 6) {
            return UNSUPPORTED;
        }
        family = 1;
        if (limit - ip < 40) {
            return TRUNCATED;
        }
        end = Math.min(limit, ip + 40 + packet.getUnsignedShort(ip + 4));
        int next = packet.getUnsignedByte(ip + 6);
        int at = ip + 40;
        for (int i = 0; i < MAX_EXTENSION_HEADERS; i++) {
            switch (next) {
                case 0, 43, 60 -> {
                    if (at + 8 > end) {
                        return TRUNCATED;
                    }
                    next = packet.getUnsignedByte(at);
                    at += (packet.getUnsignedByte(at + 1) + 1) * 8;
                }
                case 44 -> {
                    if (at + 8 > end) {
                        return TRUNCATED;
                    }
                    if ((packet.getUnsignedShort(at + 2) & 0xFFF8) != 0) {
                        return LATER_FRAGMENT;
                    }
                    next = packet.getUnsignedByte(at);
                    at += 8;
                }
                default -> {
                    protocol = next;
                    transport = at;
                    return at <= end ? OK : TRUNCATED;
                }
            }
        }
        return UNSUPPORTED;
    }
}
