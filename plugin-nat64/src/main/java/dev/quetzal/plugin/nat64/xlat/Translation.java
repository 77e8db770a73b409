package dev.quetzal.plugin.nat64.xlat;

/**
 * What the translator did with a packet. Constants only, so deciding allocates nothing.
 */
public sealed interface Translation {
    /** The packet was rewritten in place into the other family (more packets may have been emitted before it). */
    Translated TRANSLATED = new Translated();
    /** The packet is not for the translator and was left unchanged. */
    Passthrough PASSTHROUGH = new Passthrough();
    /** The packet was rewritten in place into an ICMP error for its sender (Time Exceeded, Parameter Problem). */
    Reply REPLY = new Reply();

    Dropped MALFORMED = new Dropped("malformed");
    Dropped BAD_IPV4_CHECKSUM = new Dropped("bad-ipv4-checksum");
    Dropped BAD_ICMP_CHECKSUM = new Dropped("bad-icmp-checksum");
    Dropped HOP_LIMIT_EXCEEDED = new Dropped("hop-limit-exceeded");
    Dropped TTL_EXCEEDED = new Dropped("ttl-exceeded");
    Dropped SEGMENTS_LEFT = new Dropped("routing-segments-left");
    Dropped SOURCE_ROUTE = new Dropped("ipv4-source-route");
    Dropped ICMP_UNTRANSLATABLE = new Dropped("icmp-untranslatable");
    Dropped ICMP_FRAGMENTED = new Dropped("icmp-fragmented");
    Dropped ICMP_NESTED_ERROR = new Dropped("icmp-nested-error");
    Dropped IGMP = new Dropped("igmp");
    Dropped UDP_ZERO_CHECKSUM = new Dropped("udp-zero-checksum");
    Dropped NO_ROOM = new Dropped("no-buffer-room");
    Dropped NO_IPV4_SOURCE = new Dropped("no-ipv4-source");
    Dropped NO_IPV4_DESTINATION = new Dropped("no-ipv4-destination");
    Dropped NO_IPV6_SOURCE = new Dropped("no-ipv6-source");
    Dropped NO_IPV6_DESTINATION = new Dropped("no-ipv6-destination");
    Dropped NON_GLOBAL_IPV4 = new Dropped("non-global-ipv4");
    Dropped RESERVED_IPV4 = new Dropped("reserved-ipv4");
    Dropped NOT_IP = new Dropped("not-ip");

    /** Every drop reason, for registering counters up front. */
    java.util.List<Dropped> ALL_DROPS = java.util.List.of(MALFORMED, BAD_IPV4_CHECKSUM, BAD_ICMP_CHECKSUM,
            HOP_LIMIT_EXCEEDED, TTL_EXCEEDED, SEGMENTS_LEFT, SOURCE_ROUTE, ICMP_UNTRANSLATABLE, ICMP_FRAGMENTED,
            ICMP_NESTED_ERROR, IGMP, UDP_ZERO_CHECKSUM, NO_ROOM, NO_IPV4_SOURCE, NO_IPV4_DESTINATION,
            NO_IPV6_SOURCE, NO_IPV6_DESTINATION, NON_GLOBAL_IPV4, RESERVED_IPV4, NOT_IP);

    record Translated() implements Translation {}

    record Passthrough() implements Translation {}

    record Reply() implements Translation {}

    /** @param reason short, lowercase with dashes, as in the drop counter's label */
    record Dropped(String reason) implements Translation {}
}
