package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/**
 * RFC 6147 §5.3.1: a PTR query for a synthesized address ({@code ip6.arpa} under the Pref64) gets a
 * CNAME to the matching {@code in-addr.arpa} name, whose PTR the corporate server has. DNS64 sends
 * the in-addr.arpa question on the client's behalf and returns the CNAME followed by the server's
 * PTR records: a CNAME alone would leave the client's stub resolver, which does not follow CNAMEs
 * for PTR, without a name; answering locally would not know the name at all.
 */
final class ReverseNames {
    private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private ReverseNames() {}

    /** The {@code in-addr.arpa} name for {@code name}, or null when it is not a full address under a translated prefix. */
    static Name inAddrArpaFor(Name name, AddressSynthesis addresses) {
        if (name.labels() != 32 + 3 || !name.subdomain(IP6_ARPA)) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 32; i++) {
            byte[] label = name.getLabel(i);
            if (label[0] != 1) {
                return null;
            }
            int nibble = Character.digit(label[1], 16);
            if (nibble < 0) {
                return null;
            }
            // Label 0 is the last nibble of the address (RFC 3596 §2.5).
            int index = 31 - i;
            bytes[index / 2] |= (byte) (index % 2 == 0 ? nibble << 4 : nibble);
        }
        Ipv4Address ipv4 = addresses.toIpv4(Ipv6Address.of(bytes));
        return ipv4 == null ? null : ReverseMap.fromAddress(ipv4.toBytes());
    }
}
