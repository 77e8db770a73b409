package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.xlat.Checksum.add;
import static dev.quetzal.plugin.nat64.xlat.Checksum.add32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u32;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.address.AddressMapper;

/**
 * RFC 7915 §4.2-4.3: an ICMPv4 error to ICMPv6, with the packet inside it translated too (§4.3),
 * RFC 4884 extensions kept where ICMPv6 has a length field, and the whole error cut to the IPv6
 * minimum MTU (RFC 4443 §2.4 (c)).
 */
final class Icmp4To6Errors {
    /** RFC 4443 §2.4 (c): an ICMPv6 error fits the minimum IPv6 MTU. */
    static final int MAX_ERROR = 1280;

    private final AddressMapper mapper;

    Icmp4To6Errors(AddressMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code scratch[0, 32)} already holds the outer source and destination in IPv6 form. */
    Translation translate(PacketBuffer p, int l, byte[] scratch) {
        byte[] a = p.array();
        int o = p.arrayOffset();
        int len = p.length();
        int icmpLength = len - l;
        if (icmpLength < 8 + 20) {
            return Translation.MALFORMED;
        }
        if (Checksum.fold(add(0, a, o + l, icmpLength)) != 0xFFFF) {
            return Translation.BAD_ICMP_CHECKSUM; // recomputed below, so a corrupted one must not turn valid
        }
        int type = a[o + l] & 0xFF;
        int code = a[o + l + 1] & 0xFF;
        int mapped = IcmpTypes.toIcmp6(type, code);
        if (mapped < 0) {
            return Translation.ICMP_UNTRANSLATABLE;
        }
        int inner = l + 8;
        if ((a[o + inner] & 0xF0) != 0x40) {
            return Translation.MALFORMED;
        }
        int innerIhl = (a[o + inner] & 0x0F) * 4;
        int innerTotal = u16(a, o + inner + 2);
        int mappedType = mapped >>> 8;
        int rest;
        if (mappedType == IcmpTypes.ICMP6_PACKET_TOO_BIG) {
            rest = IcmpTypes.packetTooBigMtu(u16(a, o + l + 6), innerTotal, Integer.MAX_VALUE);
        } else if (mappedType == IcmpTypes.ICMP6_PARAMETER_PROBLEM) {
            if (type == IcmpTypes.ICMP4_DEST_UNREACHABLE) {
                rest = 6; // protocol unreachable: the Next Header field
            } else {
                rest = IcmpTypes.pointer4to6(a[o + l + 4] & 0xFF);
                if (rest < 0) {
                    return Translation.ICMP_UNTRANSLATABLE;
                }
            }
        } else {
            rest = 0;
        }
        boolean carriesLength = mappedType == IcmpTypes.ICMP6_DEST_UNREACHABLE || mappedType == IcmpTypes.ICMP6_TIME_EXCEEDED;
        int originalEnd = len;
        int extStart = -1;
        int lengthField = a[o + l + 5] & 0xFF;
        if (lengthField != 0 && (type == 3 || type == 11 || type == 12)) {
            int original = lengthField * 4;
            if (original >= Icmp6To4Errors.MIN_ORIGINAL && inner + original < len) {
                originalEnd = inner + original;
                // ICMPv6 Packet Too Big and Parameter Problem have no length field: the extension goes.
                extStart = carriesLength ? originalEnd : -1;
            }
        }
        if (innerIhl < 20 || inner + innerIhl > originalEnd) {
            return Translation.MALFORMED;
        }
        int innerL4 = inner + innerIhl;
        int innerFlags = u16(a, o + inner + 6);
        boolean innerMf = (innerFlags & 0x2000) != 0;
        int innerOffset = (innerFlags & 0x1FFF) * 8;
        int innerFrag = innerMf || innerOffset != 0 ? 8 : 0;
        int innerProto = a[o + inner + 9] & 0xFF;
        int innerSrc4 = u32(a, o + inner + 12);
        int innerDst4 = u32(a, o + inner + 16);
        // The inner packet went the other way: its source is the local (client) side.
        long mappedAddress = mapper.localToIpv6(innerSrc4, scratch, 32);
        if (mappedAddress < 0) {
            return Translator.dropFor(mappedAddress, true, false);
        }
        mappedAddress = mapper.remoteToIpv6(innerDst4, scratch, 48);
        if (mappedAddress < 0) {
            return Translator.dropFor(mappedAddress, false, false);
        }
        if (innerOffset == 0) {
            int available = originalEnd - innerL4;
            if (innerProto == Ipv4ToIpv6.ICMPV4 && available >= 1 && IcmpTypes.isIcmp4Error(a[o + innerL4] & 0xFF)) {
                return Translation.ICMP_NESTED_ERROR;
            }
            boolean present = innerProto == 17 ? available >= 8 : innerProto == 6 ? available >= 18 : available >= 4;
            // A zero inner UDP checksum stays zero: the datagram is cut short, so it cannot be computed.
            boolean zeroUdp = innerProto == 17 && present && u16(a, o + innerL4 + 6) == 0;
            if (present && !zeroUdp) {
                Translation t = Ipv4ToIpv6.upperLayer(a, o + innerL4, innerProto, available, innerSrc4, innerDst4,
                        scratch, 32, innerTotal - innerIhl, true, null);
                if (t == Translation.ICMP_UNTRANSLATABLE) {
                    return t;
                }
            }
        }
        int outerTos = a[o + 1] & 0xFF;
        int ttl = a[o + 8] & 0xFF;
        int innerTos = a[o + inner + 1] & 0xFF;
        int innerTtl = a[o + inner + 8] & 0xFF;
        int innerId = u16(a, o + inner + 4);
        int extLength = extStart < 0 ? 0 : len - extStart;
        int oldExtStart = extStart;

        int start = innerL4 - 88 - innerFrag;
        if (!Room.moveStart(p, start)) {
            return Translation.NO_ROOM;
        }
        a = p.array();
        o = p.arrayOffset();
        int translatedOriginal = 40 + innerFrag + (originalEnd - innerL4);
        int originalField = translatedOriginal;
        int lengthWords = 0;
        if (extLength > 0) {
            int room = MAX_ERROR - 48 - extLength;
            int padded = Math.max(Icmp6To4Errors.MIN_ORIGINAL, (translatedOriginal + 7) & ~7);
            if (padded > room) {
                padded = room & ~7;
            }
            int from = oldExtStart - start;
            int to = 48 + padded;
            if (padded < Icmp6To4Errors.MIN_ORIGINAL || to + extLength - p.length() > p.tailroom()) {
                extLength = 0;
            } else {
                System.arraycopy(a, o + from, a, o + to, extLength);
                if (padded > translatedOriginal) {
                    java.util.Arrays.fill(a, o + 48 + translatedOriginal, o + to, (byte) 0);
                }
                originalField = padded;
                lengthWords = padded / 8;
            }
        }
        int newLength = extLength > 0 ? 48 + originalField + extLength : Math.min(48 + translatedOriginal, MAX_ERROR);
        p.setLength(newLength);
        int newInnerProto = innerProto == Ipv4ToIpv6.ICMPV4 ? Ipv6Headers.ICMPV6 : innerProto;
        Ipv4ToIpv6.writeHeader(a, o, outerTos, newLength - 40, Ipv6Headers.ICMPV6, ttl - 1, scratch, 0);
        Ipv4ToIpv6.writeHeader(a, o + 48, innerTos, innerTotal - innerIhl + innerFrag,
                innerFrag != 0 ? Ipv6Headers.FRAGMENT : newInnerProto, innerTtl, scratch, 32);
        if (innerFrag != 0) {
            a[o + 88] = (byte) newInnerProto;
            a[o + 89] = 0;
            put16(a, o + 90, innerOffset | (innerMf ? 1 : 0));
            put32(a, o + 92, innerId);
        }
        put16(a, o + 40, mapped);
        put16(a, o + 42, 0);
        put32(a, o + 44, carriesLength ? lengthWords << 24 : rest);
        int sum = add32(add32(add(0, a, o + 8, 32), newLength - 40), Ipv6Headers.ICMPV6);
        put16(a, o + 42, Checksum.finish(add(sum, a, o + 40, newLength - 40)));
        return Translation.TRANSLATED;
    }
}
