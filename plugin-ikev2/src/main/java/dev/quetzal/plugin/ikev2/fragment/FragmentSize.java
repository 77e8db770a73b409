package dev.quetzal.plugin.ikev2.fragment;

/**
 * How large each IKE fragment may be (RFC 7383 §2.5.1): the whole IP datagram carrying it must not exceed
 * {@code ipDatagramSize}, so the IKE message itself gets that minus the IP header, the UDP header and, on the
 * NAT-T port, the 4-octet non-ESP marker (RFC 3948 §2.2).
 *
 * <p>The default assumes the worst case, an IPv6 header and a marker, on a 1280-octet datagram: the IPv6 minimum
 * MTU, which RFC 7383 §2.5.1 recommends when the path MTU is unknown, and strongSwan's default fragment size.
 *
 * @param ipDatagramSize the largest IP datagram to send, 576 (the IPv4 minimum every host accepts) to 65535
 * @param ipHeaderSize 20 for IPv4, 40 for IPv6
 * @param markerSize 4 when the non-ESP marker precedes the IKE header, else 0
 */
public record FragmentSize(int ipDatagramSize, int ipHeaderSize, int markerSize) {
    /** RFC 768. */
    public static final int UDP_HEADER_SIZE = 8;
    /** RFC 791: every IPv4 host accepts datagrams of this size. */
    public static final int IPV4_MINIMUM_DATAGRAM = 576;
    /** RFC 8200 §5: the IPv6 minimum link MTU. */
    public static final int IPV6_MINIMUM_DATAGRAM = 1280;
    /** 1280-octet datagrams over IPv6 with a non-ESP marker: 1228 octets of IKE message per fragment. */
    public static final FragmentSize DEFAULT = new FragmentSize(IPV6_MINIMUM_DATAGRAM, 40, 4);

    public FragmentSize {
        if (ipDatagramSize < IPV4_MINIMUM_DATAGRAM || ipDatagramSize > 0xFFFF) {
            throw new IllegalArgumentException("IP datagram size must be " + IPV4_MINIMUM_DATAGRAM
                    + "..65535, got " + ipDatagramSize);
        }
        if (ipHeaderSize != 20 && ipHeaderSize != 40) {
            throw new IllegalArgumentException("IP header size must be 20 (IPv4) or 40 (IPv6), got " + ipHeaderSize);
        }
        if (markerSize != 0 && markerSize != 4) {
            throw new IllegalArgumentException("non-ESP marker size must be 0 or 4, got " + markerSize);
        }
    }

    public static FragmentSize ipv4(int ipDatagramSize, boolean nonEspMarker) {
        return new FragmentSize(ipDatagramSize, 20, nonEspMarker ? 4 : 0);
    }

    public static FragmentSize ipv6(int ipDatagramSize, boolean nonEspMarker) {
        return new FragmentSize(ipDatagramSize, 40, nonEspMarker ? 4 : 0);
    }

    /** Octets left for one IKE message (header, SKF payload and its protected body). */
    public int ikeMessageLimit() {
        return ipDatagramSize - ipHeaderSize - UDP_HEADER_SIZE - markerSize;
    }
}
