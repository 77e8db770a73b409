package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.xlat.Checksum.add;
import static dev.quetzal.plugin.nat64.xlat.Checksum.add32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u32;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.address.AddressMapper;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 7915 §5.2-5.3: an ICMPv6 error to ICMPv4, with the packet inside it translated too (§5.3),
 * RFC 4884 extensions kept and the whole error cut to 576 bytes (RFC 1812 §4.3.2.3). In place: the
 * inner packet's payload stays where it is and the three new headers are written just before it.
 */
final class Icmp6To4Errors {
    /** RFC 1812 §4.3.2.3: an ICMPv4 error is at most 576 bytes. */
    static final int MAX_ERROR = 576;
    /** RFC 4884 §4.1: with extensions, the original datagram field is at least 128 bytes. */
    static final int MIN_ORIGINAL = 128;

    private final AddressMapper mapper;

    Icmp6To4Errors(AddressMapper mapper) {
        this.mapper = mapper;
    }

    Translation translate(PacketBuffer p, long walk, int src4, int dst4, long clientIpv4) {
        byte[] a = p.array();
        int o = p.arrayOffset();
        int len = p.length();
        int l = Ipv6Headers.upperLayer(walk);
        int icmpLength = len - l;
        if (icmpLength < 8) {
            return Translation.MALFORMED;
        }
        int sum = add(add32(add32(add(0, a, o + 8, 32), icmpLength), Ipv6Headers.ICMPV6), a, o + l, icmpLength);
        if (sum != 0xFFFF) {
            // The checksum is computed afresh below, so a corrupted error must not come out valid.
            return Translation.BAD_ICMP_CHECKSUM;
        }
        int type = a[o + l] & 0xFF;
        int code = a[o + l + 1] & 0xFF;
        int mapped = IcmpTypes.toIcmp4(type, code);
        if (mapped < 0) {
            return Translation.ICMP_UNTRANSLATABLE;
        }
        long field = u32(a, o + l + 4) & 0xFFFFFFFFL;
        int rest;
        boolean carriesLength = false;
        if (type == IcmpTypes.ICMP6_PACKET_TOO_BIG) {
            rest = IcmpTypes.fragmentationNeededMtu(field);
        } else if (type == IcmpTypes.ICMP6_PARAMETER_PROBLEM && code == 0) {
            int pointer = IcmpTypes.pointer6to4(field);
            if (pointer < 0) {
                return Translation.ICMP_UNTRANSLATABLE;
            }
            rest = pointer << 24;
        } else {
            rest = 0;
            carriesLength = type == IcmpTypes.ICMP6_DEST_UNREACHABLE || type == IcmpTypes.ICMP6_TIME_EXCEEDED;
        }
        int inner = l + 8;
        int originalEnd = len;
        int extStart = -1;
        if (carriesLength && a[o + l + 4] != 0) {
            int original = (a[o + l + 4] & 0xFF) * 8;
            // RFC 4884 §5: a length that does not fit means no extension.
            if (original >= MIN_ORIGINAL && inner + original < len) {
                originalEnd = inner + original;
                extStart = originalEnd;
            }
        }
        if (originalEnd - inner < 40 || (a[o + inner] & 0xF0) != 0x60) {
            return Translation.MALFORMED;
        }
        long innerWalk = Ipv6Headers.walk(a, o + inner, o + originalEnd);
        if (innerWalk < 0) {
            return Translation.MALFORMED;
        }
        int innerL4 = inner + Ipv6Headers.upperLayer(innerWalk);
        int innerProto = Ipv6Headers.protocol(innerWalk);
        // The inner packet went the other way: its source is on the IPv4 side.
        long innerSrc = mapper.remoteToIpv4(a, o + inner + 8);
        if (innerSrc < 0) {
            return Translator.dropFor(innerSrc, true, true);
        }
        long innerDst = mapper.localToIpv4(a, o + inner + 24, clientIpv4);
        if (innerDst < 0) {
            return Translator.dropFor(innerDst, false, true);
        }
        int innerFrag = Ipv6Headers.fragmentHeader(innerWalk);
        int innerFragField = innerFrag != 0 ? u16(a, o + inner + innerFrag + 2) : 0;
        int innerPlen = u16(a, o + inner + 4);
        int innerUpperLength = innerPlen - (innerL4 - inner - 40);
        if ((innerFragField & 0xFFF8) == 0) {
            int available = originalEnd - innerL4;
            if (innerProto == Ipv6Headers.ICMPV6 && available >= 1 && IcmpTypes.isIcmp6Error(a[o + innerL4] & 0xFF)) {
                return Translation.ICMP_NESTED_ERROR; // §5.3: translate one level only
            }
            Translation t = innerUpperLayer(a, o + inner, o + innerL4, innerProto, available, (int) innerSrc,
                    (int) innerDst, innerUpperLength);
            if (t != null) {
                return t;
            }
        }
        // Everything the new headers overwrite is read now.
        int outerTos = (u16(a, o) >>> 4) & 0xFF;
        int hop = a[o + 7] & 0xFF;
        int outerFrag = Ipv6Headers.fragmentHeader(walk);
        int outerId = outerFrag != 0 ? u16(a, o + outerFrag + 6) : ThreadLocalRandom.current().nextInt() & 0xFFFF;
        int innerTos = (u16(a, o + inner) >>> 4) & 0xFF;
        int innerHop = a[o + inner + 7] & 0xFF;
        int innerTotal = Math.min(0xFFFF, 20 + innerUpperLength);
        int innerId;
        int innerFlags;
        if (innerFrag != 0) {
            innerId = u16(a, o + inner + innerFrag + 6);
            innerFlags = ((innerFragField & 1) != 0 ? 0x2000 : 0) | ((innerFragField & 0xFFF8) >>> 3);
        } else {
            innerId = 0;
            innerFlags = innerTotal > Ipv6ToIpv4.DF_LIMIT ? 0x4000 : 0;
        }

        int start = innerL4 - 48;
        int translatedOriginal = 20 + (originalEnd - innerL4);
        int extLength = extStart < 0 ? 0 : len - extStart;
        int originalField = translatedOriginal;
        int lengthWords = 0;
        if (extLength > 0) {
            int room = MAX_ERROR - 28 - extLength;
            int padded = Math.max(MIN_ORIGINAL, (translatedOriginal + 3) & ~3);
            if (padded > room) {
                padded = room & ~3;
            }
            int newExt = start + 28 + padded;
            if (padded < MIN_ORIGINAL || newExt + extLength - len > p.tailroom()) {
                extLength = 0; // no room for the extension: send the error without it
            } else {
                System.arraycopy(a, o + extStart, a, o + newExt, extLength);
                if (padded > translatedOriginal) {
                    java.util.Arrays.fill(a, o + start + 28 + translatedOriginal, o + newExt, (byte) 0);
                }
                originalField = padded;
                lengthWords = padded / 4;
            }
        }
        int newLength = extLength > 0 ? 28 + originalField + extLength : Math.min(28 + translatedOriginal, MAX_ERROR);
        if (type == IcmpTypes.ICMP6_DEST_UNREACHABLE || type == IcmpTypes.ICMP6_TIME_EXCEEDED) {
            rest = lengthWords << 16;
        }
        int h = o + start;
        Ipv6ToIpv4.writeHeader(a, h, outerTos, newLength, outerId, 0, hop - 1, 1, src4, dst4);
        Ipv6ToIpv4.writeHeader(a, h + 28, innerTos, innerTotal, innerId, innerFlags, innerHop,
                innerProto == Ipv6Headers.ICMPV6 ? 1 : innerProto, (int) innerSrc, (int) innerDst);
        put16(a, h + 20, mapped);
        put16(a, h + 22, 0);
        put32(a, h + 24, rest);
        put16(a, h + 22, Checksum.finish(add(0, a, h + 20, newLength - 20)));
        p.trimFront(start);
        p.setLength(newLength);
        return Translation.TRANSLATED;
    }

    /** Like {@link Ipv6ToIpv4#upperLayer}, for a possibly truncated inner packet: only fields present are fixed. */
    private static Translation innerUpperLayer(byte[] a, int o, int l4, int proto, int available, int src4, int dst4,
            int upperLength) {
        if (proto == 17 && available < 8 || proto == 6 && available < 18 || proto == Ipv6Headers.ICMPV6 && available < 4) {
            return null;
        }
        Translation t = Ipv6ToIpv4.upperLayer(a, o, l4, proto, available, src4, dst4, upperLength);
        return t == Translation.ICMP_UNTRANSLATABLE || t == null ? t : null;
    }
}
