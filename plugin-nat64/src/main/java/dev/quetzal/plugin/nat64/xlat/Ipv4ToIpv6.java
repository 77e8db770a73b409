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
 * RFC 7915 §4: an IPv4 packet to IPv6, in place: the header grows by 20 bytes (28 with a Fragment
 * header) into the headroom, the payload does not move.
 */
final class Ipv4ToIpv6 {
    static final int ICMPV4 = 1;
    private static final int IGMP = 2;
    /** Per-thread room for mapped addresses, so a failed mapping leaves the packet untouched. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64]);

    private final AddressMapper mapper;
    private final TranslatorSettings settings;
    private final ErrorReplies errors;
    private final Icmp4To6Errors icmpErrors;

    Ipv4ToIpv6(AddressMapper mapper, TranslatorSettings settings, ErrorReplies errors) {
        this.mapper = mapper;
        this.settings = settings;
        this.errors = errors;
        this.icmpErrors = new Icmp4To6Errors(mapper);
    }

    Translation translate(PacketBuffer p, PacketOutput output) {
        int len = p.length();
        byte[] a = p.array();
        int o = p.arrayOffset();
        if (len < 20) {
            return Translation.MALFORMED;
        }
        // Not for a translated client: leave it alone whatever else is wrong with it.
        int dst4 = u32(a, o + 16);
        byte[] scratch = SCRATCH.get();
        long code = mapper.localToIpv6(dst4, scratch, 16);
        if (code == AddressMapper.NO_MAPPING) {
            return Translation.PASSTHROUGH;
        }
        int ihl = (a[o] & 0x0F) * 4;
        int total = u16(a, o + 2);
        if (ihl < 20 || total < ihl || total > len) {
            return Translation.MALFORMED;
        }
        if (total < len) {
            p.setLength(len = total);
        }
        if (code < 0) {
            return Translator.dropFor(code, false, false);
        }
        if (Checksum.fold(add(0, a, o, ihl)) != 0xFFFF) {
            return Translation.BAD_IPV4_CHECKSUM; // RFC 1812 §5.2.2
        }
        int flags = u16(a, o + 6);
        boolean df = (flags & 0x4000) != 0;
        boolean mf = (flags & 0x2000) != 0;
        int fragOffset = (flags & 0x1FFF) * 8;
        int proto = a[o + 9] & 0xFF;
        int l4 = ihl;
        boolean icmpError = proto == ICMPV4 && fragOffset == 0 && len > l4 && IcmpTypes.isIcmp4Error(a[o + l4] & 0xFF);
        if (ihl > 20) {
            int route = unexpiredSourceRoute(a, o, ihl);
            if (route < 0) {
                return Translation.MALFORMED;
            }
            if (route > 0) {
                // §4.1: options are ignored, but an unexpired source route is refused: Source Route Failed.
                return icmpError ? Translation.SOURCE_ROUTE
                        : errors.ipv4Error(p, IcmpTypes.ICMP4_DEST_UNREACHABLE, 5, 0, Translation.SOURCE_ROUTE);
            }
        }
        int ttl = a[o + 8] & 0xFF;
        if (ttl <= 1) {
            return icmpError || fragOffset != 0 ? Translation.TTL_EXCEEDED
                    : errors.ipv4Error(p, IcmpTypes.ICMP4_TIME_EXCEEDED, 0, 0, Translation.TTL_EXCEEDED);
        }
        int src4 = u32(a, o + 12);
        code = mapper.remoteToIpv6(src4, scratch, 0);
        if (code < 0) {
            return Translator.dropFor(code, true, false);
        }
        if (proto == ICMPV4 && (mf || fragOffset != 0)) {
            return Translation.ICMP_FRAGMENTED; // the ICMPv6 pseudo-header needs the whole length
        }
        if (icmpError) {
            return icmpErrors.translate(p, ihl, scratch);
        }
        if (proto == IGMP) {
            return Translation.IGMP; // §4.2: IGMP is single-hop
        }
        int payload = len - l4;
        boolean fragment = mf || fragOffset != 0;
        boolean needFragment = fragment || (!df && 40 + payload > settings.lowestIpv6Mtu());
        int newProto = proto == ICMPV4 ? Ipv6Headers.ICMPV6 : proto;
        if (fragOffset == 0) {
            Translation t = upperLayer(a, o + l4, proto, payload, src4, dst4, scratch, 0, total - ihl, mf, settings);
            if (t != null) {
                return t;
            }
        }
        int tos = a[o + 1] & 0xFF;
        int id = u16(a, o + 4);
        int f = needFragment ? 8 : 0;
        if (!Room.moveStart(p, ihl - 40 - f)) {
            return Translation.NO_ROOM;
        }
        a = p.array();
        o = p.arrayOffset();
        writeHeader(a, o, tos, payload + f, f != 0 ? Ipv6Headers.FRAGMENT : newProto, ttl - 1, scratch, 0);
        if (f != 0) {
            a[o + 40] = (byte) newProto;
            a[o + 41] = 0;
            put16(a, o + 42, fragOffset | (mf ? 1 : 0));
            put32(a, o + 44, id); // §4.1: the high 16 bits are zero
            if (!df && p.length() > settings.lowestIpv6Mtu()) {
                return Fragmenter.fragment(p, output, settings.lowestIpv6Mtu());
            }
        }
        return Translation.TRANSLATED;
    }

    /**
     * §4.5, §4.2: the transport checksum for the IPv6 pseudo-header (RFC 1624), UDP's zero checksum,
     * ICMP echo. {@code scratch[from, from + 32)} holds the new source and destination. Null when done.
     */
    static Translation upperLayer(byte[] a, int l4, int proto, int payload, int src4, int dst4, byte[] scratch,
            int from, int upperLength, boolean moreFragments, TranslatorSettings settings) {
        switch (proto) {
            case 17 -> {
                if (payload < 8) {
                    return Translation.MALFORMED;
                }
                int c = u16(a, l4 + 6);
                if (c == 0) {
                    // IPv6 UDP needs a checksum (RFC 8200 §8.1); only a whole datagram can get one.
                    if (moreFragments || settings == null || !settings.computeUdpZeroChecksum() || payload != upperLength) {
                        return Translation.UDP_ZERO_CHECKSUM;
                    }
                    int sum = add(add32(add32(add(0, scratch, from, 32), payload), 17), a, l4, payload);
                    c = Checksum.finish(sum);
                    put16(a, l4 + 6, c == 0 ? 0xFFFF : c);
                } else {
                    c = Checksum.update(c, add32(add32(0, src4), dst4), add(0, scratch, from, 32));
                    put16(a, l4 + 6, c == 0 ? 0xFFFF : c);
                }
            }
            case 6 -> {
                if (payload < 18) {
                    return Translation.MALFORMED;
                }
                put16(a, l4 + 16, Checksum.update(u16(a, l4 + 16), add32(add32(0, src4), dst4), add(0, scratch, from, 32)));
            }
            case ICMPV4 -> {
                if (payload < 4) {
                    return Translation.MALFORMED;
                }
                int typeCode = u16(a, l4);
                int mapped = IcmpTypes.toIcmp6(typeCode >>> 8, typeCode & 0xFF);
                if (mapped < 0) {
                    return Translation.ICMP_UNTRANSLATABLE;
                }
                // ICMPv6 adds a pseudo-header (RFC 4443 §2.3).
                int added = Checksum.fold((long) add32(add32(add(0, scratch, from, 32), upperLength), Ipv6Headers.ICMPV6) + mapped);
                put16(a, l4 + 2, Checksum.update(u16(a, l4 + 2), typeCode, added));
                put16(a, l4, mapped);
            }
            default -> {
                // Copied unchanged (§4.1: the protocol number is copied).
            }
        }
        return null;
    }

    /** Writes a 40-byte IPv6 header at {@code a[h]} with addresses from {@code addresses[from, from + 32)}. */
    static void writeHeader(byte[] a, int h, int trafficClass, int payloadLength, int nextHeader, int hopLimit,
            byte[] addresses, int from) {
        put32(a, h, 0x60000000 | trafficClass << 20); // §4.1: flow label 0
        put16(a, h + 4, payloadLength);
        a[h + 6] = (byte) nextHeader;
        a[h + 7] = (byte) hopLimit;
        System.arraycopy(addresses, from, a, h + 8, 32);
    }

    /** 1 when an LSRR or SSRR option still has addresses to visit, 0 when none, -1 when the options are malformed. */
    private static int unexpiredSourceRoute(byte[] a, int o, int ihl) {
        int i = 20;
        while (i < ihl) {
            int type = a[o + i] & 0xFF;
            if (type == 0) {
                return 0;
            }
            if (type == 1) {
                i++;
                continue;
            }
            if (i + 1 >= ihl) {
                return -1;
            }
            int optionLength = a[o + i + 1] & 0xFF;
            if (optionLength < 2 || i + optionLength > ihl) {
                return -1;
            }
            if ((type == 131 || type == 137) && optionLength >= 3 && (a[o + i + 2] & 0xFF) <= optionLength) {
                return 1;
            }
            i += optionLength;
        }
        return 0;
    }
}
