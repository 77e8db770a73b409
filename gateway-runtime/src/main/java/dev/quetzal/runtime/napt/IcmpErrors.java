package dev.quetzal.runtime.napt;

import dev.quetzal.api.packet.PacketBuffer;

/**
 * ICMP and ICMPv6 errors (RFC 792, RFC 4443 §3) through the translation: the error's embedded
 * packet names the mapping, and its addresses, ports and checksums are translated along with the
 * outer header (RFC 5508 REQ-3, RFC 5382 REQ-9), so the client sees the packet it sent and the far
 * end sees the packet it sent.
 *
 * <p>Inbound, the embedded packet is one the client sent (source: the uplink's address and the
 * external port); outbound, it is one the client received (destination: the client's own address
 * and port). Used by {@link NaptTranslator} under its lock, with its own {@link PacketLayout}.
 */
final class IcmpErrors {
    /** The embedded packet is cut too short to find the mapping. */
    static final int MALFORMED = -1;
    /** No mapping for the embedded packet. */
    static final int NO_MAPPING = -2;

    private final NaptTable table;
    private final PacketLayout embedded = new PacketLayout();
    private int portAt;
    private int transportChecksum;
    private int addressChecksum;
    private boolean udp;

    IcmpErrors(NaptTable table) {
        this.table = table;
    }

    /** Destination Unreachable, Source Quench, Redirect, Time Exceeded, Parameter Problem; ICMPv6 types 1-4. */
    static boolean isError(int family, int type) {
        return family == 0 ? type == 3 || type == 4 || type == 5 || type == 11 || type == 12 : type >= 1 && type <= 4;
    }

    static boolean isEchoRequest(int family, int type) {
        return type == (family == 0 ? 8 : 128);
    }

    static boolean isEchoReply(int family, int type) {
        return type == (family == 0 ? 0 : 129);
    }

    /**
     * The mapping of an inbound error's embedded packet, whose source must be the uplink's address,
     * or {@link #MALFORMED} or {@link #NO_MAPPING}.
     */
    int findForInbound(PacketBuffer packet, int icmp, int end, int family, int uplink4, long uplink6High,
            long uplink6Low) {
        int kind = locate(packet, icmp, end, family, true);
        if (kind < 0) {
            return kind;
        }
        int ip = icmp + 8;
        boolean fromUplink = family == 0 ? packet.getInt(ip + 12) == uplink4
                : packet.getLong(ip + 8) == uplink6High && packet.getLong(ip + 16) == uplink6Low;
        if (!fromUplink) {
            return NO_MAPPING;
        }
        int slot = table.findInbound(kind, packet.getUnsignedShort(portAt));
        return slot < 0 ? NO_MAPPING : slot;
    }

    /**
     * The mapping of an outbound error's embedded packet, by its destination (the client) and
     * destination port, or {@link #MALFORMED} or {@link #NO_MAPPING}. Never creates one.
     */
    int findForOutbound(PacketBuffer packet, int icmp, int end, int family) {
        int kind = locate(packet, icmp, end, family, false);
        if (kind < 0) {
            return kind;
        }
        int ip = icmp + 8;
        long high = family == 0 ? 0 : packet.getLong(ip + 24);
        long low = family == 0 ? packet.getInt(ip + 16) & 0xFFFFFFFFL : packet.getLong(ip + 32);
        int slot = table.findOutbound(kind, high, low, packet.getUnsignedShort(portAt));
        return slot < 0 ? NO_MAPPING : slot;
    }

    /** Puts the client's address and port back as the embedded packet's source (after {@link #findForInbound}). */
    void translateInbound(PacketBuffer packet, int icmp, int slot) {
        int ip = icmp + 8;
        int outer = icmp + 2;
        if (embedded.family == 0) {
            Rewrites.address4(packet, ip, ip + 12, (int) table.clientLow(slot), addressChecksum, udp, outer);
        } else {
            Rewrites.address6(packet, ip + 8, table.clientHigh(slot), table.clientLow(slot), addressChecksum, udp,
                    outer);
        }
        Rewrites.port(packet, portAt, table.clientPort(slot), transportChecksum, udp, outer);
    }

    /** Puts the uplink's address and external port as the embedded packet's destination (after {@link #findForOutbound}). */
    void translateOutbound(PacketBuffer packet, int icmp, int slot, int uplink4, long uplink6High, long uplink6Low) {
        int ip = icmp + 8;
        int outer = icmp + 2;
        if (embedded.family == 0) {
            Rewrites.address4(packet, ip, ip + 16, uplink4, addressChecksum, udp, outer);
        } else {
            Rewrites.address6(packet, ip + 24, uplink6High, uplink6Low, addressChecksum, udp, outer);
        }
        Rewrites.port(packet, portAt, table.externalPort(slot), transportChecksum, udp, outer);
    }

    /**
     * Reads the embedded packet and sets where its translated port and transport checksum are;
     * returns its mapping kind or {@link #MALFORMED}. {@code sentByClient}: the embedded packet went
     * from the client (its source port is translated), else to it (its destination port).
     */
    private int locate(PacketBuffer packet, int icmp, int end, int family, boolean sentByClient) {
        if (embedded.read(packet, icmp + 8, end) != PacketLayout.OK || embedded.family != family) {
            return MALFORMED;
        }
        int l4 = embedded.transport;
        int protocol = embedded.protocol;
        int kindProtocol;
        udp = protocol == NaptTranslator.UDP;
        if (protocol == NaptTranslator.TCP || udp) {
            if (l4 + 4 > end) {
                return MALFORMED;
            }
            kindProtocol = protocol == NaptTranslator.TCP ? NaptTable.TCP : NaptTable.UDP;
            portAt = sentByClient ? l4 : l4 + 2;
            int checksum = l4 + (udp ? 6 : 16);
            // RFC 792 guarantees only 8 bytes of the embedded datagram: a TCP checksum may be cut off.
            transportChecksum = checksum + 2 <= end ? checksum : Rewrites.NONE;
            addressChecksum = transportChecksum;
        } else if (protocol == (family == 0 ? NaptTranslator.ICMP4 : NaptTranslator.ICMP6)) {
            if (l4 + 8 > end) {
                return MALFORMED;
            }
            int type = packet.getUnsignedByte(l4);
            if (sentByClient ? !isEchoRequest(family, type) : !isEchoReply(family, type)) {
                return NO_MAPPING;
            }
            kindProtocol = NaptTable.ICMP;
            portAt = l4 + 4;
            // Only ICMPv6 has a pseudo-header; an ICMPv4 checksum needs no fix for the address.
            transportChecksum = l4 + 2;
            addressChecksum = family == 0 ? Rewrites.NONE : transportChecksum;
        } else {
            return NO_MAPPING;
        }
        return family * 3 + kindProtocol;
    }
}
