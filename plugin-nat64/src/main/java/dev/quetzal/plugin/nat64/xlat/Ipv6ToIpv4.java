package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.xlat.Checksum.add;
import static dev.quetzal.plugin.nat64.xlat.Checksum.add32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u16;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.address.AddressMapper;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 7915 §5: an IPv6 packet to IPv4, in place (the header shrinks, so the payload never moves).
 */
final class Ipv6ToIpv4 {
    /** RFC 7600 §4.1: the IPv4 dummy address, source of ICMP errors whose IPv6 source has no IPv4 form. */
    static final int DUMMY_IPV4 = 0xC0000008;
    static final int DF_LIMIT = 1260;

    private final AddressMapper mapper;
    private final ErrorReplies errors;
    private final Icmp6To4Errors icmpErrors;

    Ipv6ToIpv4(AddressMapper mapper, ErrorReplies errors) {
        this.mapper = mapper;
        this.errors = errors;
        this.icmpErrors = new Icmp6To4Errors(mapper);
    }

    Translation translate(PacketBuffer p, long clientIpv4) {
        int len = p.length();
        byte[] a = p.array();
        int o = p.arrayOffset();
        if (len < 40) {
            return Translation.MALFORMED;
        }
        // Not for the translator: leave it alone whatever else is wrong with it.
        long dst4 = mapper.remoteToIpv4(a, o + 24);
        if (dst4 == AddressMapper.NO_MAPPING) {
            return Translation.PASSTHROUGH;
        }
        int plen = u16(a, o + 4);
        if (plen == 0 || 40 + plen > len) {
            return Translation.MALFORMED; // jumbograms (RFC 2675) and truncated packets
        }
        if (40 + plen < len) {
            p.setLength(len = 40 + plen);
        }
        long walk = Ipv6Headers.walk(a, o, o + len);
        if (walk < 0) {
            return Translation.MALFORMED;
        }
        if (dst4 < 0) {
            return Translator.dropFor(dst4, false, true);
        }
        int l4 = Ipv6Headers.upperLayer(walk);
        int proto = Ipv6Headers.protocol(walk);
        int frag = Ipv6Headers.fragmentHeader(walk);
        int fragField = frag != 0 ? u16(a, o + frag + 2) : 0;
        int fragOffset = fragField & 0xFFF8;
        boolean more = (fragField & 1) != 0;
        boolean icmpError = proto == Ipv6Headers.ICMPV6 && fragOffset == 0 && l4 < len
                && IcmpTypes.isIcmp6Error(a[o + l4] & 0xFF);
        int segmentsLeft = Ipv6Headers.segmentsLeftPointer(walk);
        if (segmentsLeft != 0) {
            // §5.1: a Routing header with Segments Left is not translated; Parameter Problem code 0.
            return icmpError ? Translation.SEGMENTS_LEFT
                    : errors.ipv6Error(p, IcmpTypes.ICMP6_PARAMETER_PROBLEM, 0, segmentsLeft, Translation.SEGMENTS_LEFT);
        }
        int hop = a[o + 7] & 0xFF;
        if (hop <= 1) {
            // §5.1: the translator is a router and decrements the Hop Limit; at zero, Time Exceeded.
            return icmpError || fragOffset != 0 ? Translation.HOP_LIMIT_EXCEEDED
                    : errors.ipv6Error(p, IcmpTypes.ICMP6_TIME_EXCEEDED, 0, 0, Translation.HOP_LIMIT_EXCEEDED);
        }
        long src4 = mapper.localToIpv4(a, o + 8, clientIpv4);
        if (src4 < 0) {
            if (icmpError && src4 == AddressMapper.NO_MAPPING) {
                src4 = DUMMY_IPV4 & 0xFFFFFFFFL;
            } else {
                return Translator.dropFor(src4, true, true);
            }
        }
        if (proto == Ipv6Headers.ICMPV6 && (more || fragOffset != 0)) {
            // The ICMPv6 checksum covers a pseudo-header with the whole message's length, which a
            // stateless translator cannot know from one fragment.
            return Translation.ICMP_FRAGMENTED;
        }
        if (icmpError) {
            return icmpErrors.translate(p, walk, (int) src4, (int) dst4, clientIpv4);
        }
        int payload = len - l4;
        int newProto = proto == Ipv6Headers.ICMPV6 ? 1 : proto;
        if (fragOffset == 0) {
            Translation t = upperLayer(a, o, o + l4, proto, payload, (int) src4, (int) dst4, plen - (l4 - 40));
            if (t != null) {
                return t;
            }
        }
        int tos = (u16(a, o) >>> 4) & 0xFF;
        int total = 20 + payload;
        int id;
        int flags;
        if (frag != 0) {
            // §5.1.1: Identification and More Fragments come from the Fragment header; DF stays clear.
            id = u16(a, o + frag + 6);
            flags = (more ? 0x2000 : 0) | (fragOffset >>> 3);
        } else if (total > DF_LIMIT) {
            id = 0;
            flags = 0x4000;
        } else {
            id = ThreadLocalRandom.current().nextInt() & 0xFFFF;
            flags = 0;
        }
        writeHeader(a, o + l4 - 20, tos, total, id, flags, hop - 1, newProto, (int) src4, (int) dst4);
        p.trimFront(l4 - 20);
        return Translation.TRANSLATED;
    }

    /**
     * §5.3, §5.2: fixes the transport checksum for the new pseudo-header (RFC 1624, so a bad one
     * stays bad) and translates ICMPv6 echo. Returns null when done, or a drop.
     */
    static Translation upperLayer(byte[] a, int o, int l4, int proto, int payload, int src4, int dst4, int upperLength) {
        switch (proto) {
            case 17 -> {
                if (payload < 8) {
                    return Translation.MALFORMED;
                }
                int c = Checksum.update(u16(a, l4 + 6), add(0, a, o + 8, 32), add32(add32(0, src4), dst4));
                put16(a, l4 + 6, c == 0 ? 0xFFFF : c);
            }
            case 6 -> {
                if (payload < 18) {
                    return Translation.MALFORMED;
                }
                put16(a, l4 + 16, Checksum.update(u16(a, l4 + 16), add(0, a, o + 8, 32), add32(add32(0, src4), dst4)));
            }
            case Ipv6Headers.ICMPV6 -> {
                if (payload < 4) {
                    return Translation.MALFORMED;
                }
                int typeCode = u16(a, l4);
                int mapped = IcmpTypes.toIcmp4(typeCode >>> 8, typeCode & 0xFF);
                if (mapped < 0) {
                    return Translation.ICMP_UNTRANSLATABLE;
                }
                // ICMPv4 has no pseudo-header: take the IPv6 one out along with the old type.
                int old = add32(add32(add(0, a, o + 8, 32), upperLength), Ipv6Headers.ICMPV6) + typeCode;
                put16(a, l4 + 2, Checksum.update(u16(a, l4 + 2), Checksum.fold(old), mapped));
                put16(a, l4, mapped);
            }
            default -> {
                // Other protocols are copied unchanged (§5.1); their checksums, if any, are theirs.
            }
        }
        return null;
    }

    static void writeHeader(byte[] a, int h, int tos, int total, int id, int flags, int ttl, int proto, int src, int dst) {
        a[h] = 0x45;
        a[h + 1] = (byte) tos;
        put16(a, h + 2, total);
        put16(a, h + 4, id);
        put16(a, h + 6, flags);
        a[h + 8] = (byte) ttl;
        a[h + 9] = (byte) proto;
        put32(a, h + 12, src);
        put32(a, h + 16, dst);
        Checksum.ipv4Header(a, h, 20);
    }
}
