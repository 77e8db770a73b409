package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.xlat.Checksum.add;
import static dev.quetzal.plugin.nat64.xlat.Checksum.add32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put16;
import static dev.quetzal.plugin.nat64.xlat.Checksum.put32;
import static dev.quetzal.plugin.nat64.xlat.Checksum.u32;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.address.AddressMapper;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ICMP errors the translator sends itself, as a router would (RFC 7915 §4.1, §5.1): Time Exceeded,
 * Parameter Problem for a Routing header, Source Route Failed. Each rewrites the offending packet in
 * place into the error for its sender, rate-limited (RFC 4443 §2.4 (f), RFC 1812 §4.3.2.8). The
 * source is the RFC 7600 IPv4 dummy address 192.0.0.8, in its Pref64 form for ICMPv6.
 */
final class ErrorReplies {
    private static final int HOP_LIMIT = 64;

    private final AddressMapper mapper;
    private final RateLimiter limiter;

    ErrorReplies(AddressMapper mapper, RateLimiter limiter) {
        this.mapper = mapper;
        this.limiter = limiter;
    }

    /** Turns IPv6 packet {@code p} into an ICMPv6 error for its source; {@code ifLimited} when rate-limited or impossible. */
    Translation ipv6Error(PacketBuffer p, int type, int code, int pointer, Translation.Dropped ifLimited) {
        if (!limiter.tryAcquire()) {
            return ifLimited;
        }
        int original = Math.min(p.length(), Icmp4To6Errors.MAX_ERROR - 48);
        p.setLength(original);
        if (!Room.moveStart(p, -48)) {
            return ifLimited;
        }
        byte[] a = p.array();
        int o = p.arrayOffset();
        if (mapper.remoteToIpv6(Ipv6ToIpv4.DUMMY_IPV4, a, o + 8) < 0) {
            return ifLimited;
        }
        System.arraycopy(a, o + 48 + 8, a, o + 24, 16);
        put32(a, o, 0x60000000);
        put16(a, o + 4, original + 8);
        a[o + 6] = (byte) Ipv6Headers.ICMPV6;
        a[o + 7] = (byte) HOP_LIMIT;
        a[o + 40] = (byte) type;
        a[o + 41] = (byte) code;
        put16(a, o + 42, 0);
        put32(a, o + 44, pointer);
        int sum = add32(add32(add(0, a, o + 8, 32), original + 8), Ipv6Headers.ICMPV6);
        put16(a, o + 42, Checksum.finish(add(sum, a, o + 40, original + 8)));
        return Translation.REPLY;
    }

    /** Turns IPv4 packet {@code p} into an ICMPv4 error for its source. */
    Translation ipv4Error(PacketBuffer p, int type, int code, int rest, Translation.Dropped ifLimited) {
        if (!limiter.tryAcquire()) {
            return ifLimited;
        }
        int original = Math.min(p.length(), Icmp6To4Errors.MAX_ERROR - 28);
        p.setLength(original);
        if (!Room.moveStart(p, -28)) {
            return ifLimited;
        }
        byte[] a = p.array();
        int o = p.arrayOffset();
        int destination = u32(a, o + 28 + 12);
        Ipv6ToIpv4.writeHeader(a, o, 0, original + 28, ThreadLocalRandom.current().nextInt() & 0xFFFF, 0, HOP_LIMIT,
                Ipv4ToIpv6.ICMPV4, Ipv6ToIpv4.DUMMY_IPV4, destination);
        a[o + 20] = (byte) type;
        a[o + 21] = (byte) code;
        put16(a, o + 22, 0);
        put32(a, o + 24, rest);
        put16(a, o + 22, Checksum.finish(add(0, a, o + 20, original + 8)));
        return Translation.REPLY;
    }
}
