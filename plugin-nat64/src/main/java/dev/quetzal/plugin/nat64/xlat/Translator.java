package dev.quetzal.plugin.nat64.xlat;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.address.AddressMapper;
import java.util.function.LongSupplier;

/**
 * The stateless IP/ICMP translator (SIIT, RFC 7915), both directions, in place on a {@link
 * PacketBuffer}. Thread-safe and allocation-free per packet; never throws on packet contents: every
 * outcome is a {@link Translation}.
 */
public final class Translator {
    private final Ipv6ToIpv4 sixToFour;
    private final Ipv4ToIpv6 fourToSix;

    public Translator(AddressMapper mapper, TranslatorSettings settings, LongSupplier nanoTime) {
        ErrorReplies errors = new ErrorReplies(mapper, new RateLimiter(settings.errorsPerSecond(), nanoTime));
        this.sixToFour = new Ipv6ToIpv4(mapper, errors);
        this.fourToSix = new Ipv4ToIpv6(mapper, settings, errors);
    }

    /**
     * RFC 7915 §5: translates an IPv6 packet to IPv4 when its destination is under the Pref64 or an
     * explicit mapping ({@link Translation#PASSTHROUGH} otherwise).
     *
     * @param clientIpv4 the IPv4 address for a source that no mapping covers (the client's own), or -1
     */
    public Translation toIpv4(PacketBuffer packet, long clientIpv4) {
        try {
            return packet.ipVersion() == 6 ? sixToFour.translate(packet, clientIpv4) : Translation.NOT_IP;
        } catch (IndexOutOfBoundsException e) {
            // Length checks guard every read; this is a last line so no input can throw past here.
            return Translation.MALFORMED;
        }
    }

    /**
     * RFC 7915 §4: translates an IPv4 packet to IPv6 when its destination maps to a local IPv6
     * address ({@link Translation#PASSTHROUGH} otherwise). Extra fragments go to {@code output}.
     */
    public Translation toIpv6(PacketBuffer packet, PacketOutput output) {
        try {
            return packet.ipVersion() == 4 ? fourToSix.translate(packet, output) : Translation.NOT_IP;
        } catch (IndexOutOfBoundsException e) {
            return Translation.MALFORMED;
        }
    }

    /** Translates by the packet's IP version. */
    public Translation translate(PacketBuffer packet, long clientIpv4, PacketOutput output) {
        return switch (packet.ipVersion()) {
            case 6 -> toIpv4(packet, clientIpv4);
            case 4 -> toIpv6(packet, output);
            default -> Translation.NOT_IP;
        };
    }

    static Translation.Dropped dropFor(long code, boolean source, boolean toIpv4) {
        if (code == AddressMapper.NON_GLOBAL) {
            return Translation.NON_GLOBAL_IPV4;
        }
        if (code == AddressMapper.RESERVED) {
            return Translation.RESERVED_IPV4;
        }
        if (toIpv4) {
            return source ? Translation.NO_IPV4_SOURCE : Translation.NO_IPV4_DESTINATION;
        }
        return source ? Translation.NO_IPV6_SOURCE : Translation.NO_IPV6_DESTINATION;
    }
}
