package dev.quetzal.plugin.nat64;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.Map;

/**
 * DNS64's hook into {@link Nat64Filter} (RFC 6147 §5): the filter hands it every DNS packet before
 * translating, and goes on as usual when it answers {@link Verdict#PASS}. Any other verdict is the
 * filter's verdict for that packet ({@link Verdict#REPLY} for an answer made in place, {@link
 * Verdict#CONSUMED} when it keeps the packet and answers later through {@code FilterContext.inject}).
 *
 * <p>Called on data-path threads, concurrently: implementations must be thread-safe and must not
 * block. The filter calls it only for unfragmented (or first-fragment) UDP and TCP packets; it does
 * not check the DNS server addresses itself, the interceptor decides which servers it handles.
 */
public interface DnsInterceptor {
    /** Intercepts nothing. */
    DnsInterceptor NONE = new DnsInterceptor() {};

    /**
     * A packet from {@code client} to destination port 53, IPv4 or IPv6 as the client sent it.
     *
     * @param transportOffset index in the packet of the UDP or TCP header (after any IPv6 extension headers)
     */
    default Verdict outbound(PacketBuffer packet, int transportOffset, ClientSession client) {
        return Verdict.PASS;
    }

    /**
     * A packet from the network with source port 53, before it is translated (still IPv4 when it is
     * for a translated client).
     *
     * @param transportOffset index in the packet of the UDP or TCP header
     */
    default Verdict inbound(PacketBuffer packet, int transportOffset) {
        return Verdict.PASS;
    }

    /** Called from {@link Nat64Filter#start()}. */
    default void start() throws Exception {}

    /** Called from {@link Nat64Filter#close()}; must not throw. */
    default void close() {}

    /** Merged into the filter's status under {@code "dns64"}. */
    default Map<String, Object> status() {
        return Map.of();
    }
}
