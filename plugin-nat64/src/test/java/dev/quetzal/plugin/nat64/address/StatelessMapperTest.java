package dev.quetzal.plugin.nat64.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 6052 §3.1, RFC 8215 and RFC 7757 address mapping, with nat64-dns64.md's address checklist. */
final class StatelessMapperTest {
    static StatelessMapper mapper(String prefix, boolean check, List<ExplicitMappings.Entry> entries) {
        return new StatelessMapper(new Rfc6052Prefix(IpPrefix.parse(prefix)), ExplicitMappings.of(entries), check, null);
    }

    static int v4(String a) {
        return ((Ipv4Address) IpAddress.parse(a)).bits();
    }

    static long toIpv4(StatelessMapper m, String v6) {
        return m.remoteToIpv4(IpAddress.parse(v6).toBytes(), 0);
    }

    static String toIpv6(StatelessMapper m, String v4, boolean local) {
        byte[] out = new byte[16];
        long code = local ? m.localToIpv6(v4(v4), out, 0) : m.remoteToIpv6(v4(v4), out, 0);
        return code < 0 ? Long.toString(code) : Ipv6Address.of(out).toString();
    }

    @ParameterizedTest
    @DisplayName("RFC 6052 §3.1: non-global IPv4 is dropped under 64:ff9b::/96 but allowed under 64:ff9b:1::/48 (RFC 8215)")
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.254",
        "192.0.2.1", "198.51.100.1", "203.0.113.1", "198.18.0.1", "198.19.255.255"})
    void nonGlobalUnderTheWellKnownPrefix(String address) {
        StatelessMapper wkp = mapper("64:ff9b::/96", true, List.of());
        assertEquals(AddressMapperCodes.NON_GLOBAL, toIpv6(wkp, address, false));
        assertEquals(AddressMapper.NON_GLOBAL, toIpv4(wkp, toIpv6(mapper("64:ff9b::/96", false, List.of()), address, false)));
        StatelessMapper local = mapper("64:ff9b:1::/96", true, List.of());
        assertEquals(v4(address) & 0xFFFFFFFFL, toIpv4(local, toIpv6(local, address, false)));
    }

    @ParameterizedTest
    @DisplayName("nat64-dns64.md: 240/4, 192.0.0.0/29 and 192.88.99/24 stay allowed under 64:ff9b::/96")
    @ValueSource(strings = {"240.0.0.1", "192.0.0.1", "192.88.99.1", "8.8.8.8", "172.32.0.1", "100.128.0.1"})
    void globalUnderTheWellKnownPrefix(String address) {
        StatelessMapper wkp = mapper("64:ff9b::/96", true, List.of());
        assertEquals(v4(address) & 0xFFFFFFFFL, toIpv4(wkp, toIpv6(wkp, address, false)));
    }

    @ParameterizedTest
    @DisplayName("RFC 7915 §4.1/§5.1, nat64-dns64.md: 0/8, 127/8, 169.254/16 and multicast are always dropped")
    @ValueSource(strings = {"0.1.2.3", "127.0.0.1", "169.254.1.1", "224.0.0.1", "239.255.255.255"})
    void alwaysDropped(String address) {
        StatelessMapper any = mapper("64:ff9b:1::/96", false, List.of());
        assertEquals(AddressMapperCodes.RESERVED, toIpv6(any, address, false));
        assertEquals(AddressMapperCodes.RESERVED, toIpv6(any, address, true));
        byte[] embedded = new byte[16];
        new Rfc6052Prefix(IpPrefix.parse("64:ff9b:1::/96")).embed(v4(address), embedded, 0);
        assertEquals(AddressMapper.RESERVED, any.remoteToIpv4(embedded, 0));
    }

    @Test
    @DisplayName("RFC 7757 §3.2-3.3: explicit mappings come first, host bits copied, longest prefix wins")
    void explicitMappingsFirst() {
        StatelessMapper m = mapper("64:ff9b::/96", true, List.of(
                new ExplicitMappings.Entry(IpPrefix.parse("2001:db8::/120"), IpPrefix.parse("192.0.2.0/24")),
                new ExplicitMappings.Entry(IpPrefix.parse("2001:db8:ffff::5/128"), IpPrefix.parse("192.0.2.5/32"))));
        assertEquals(v4("192.0.2.17") & 0xFFFFFFFFL, toIpv4(m, "2001:db8::11"));
        assertEquals("2001:db8::11", toIpv6(m, "192.0.2.17", false));
        assertEquals("2001:db8:ffff::5", toIpv6(m, "192.0.2.5", true), "the /32 is longer than the /24");
        assertEquals(v4("192.0.2.5") & 0xFFFFFFFFL, toIpv4(m, "2001:db8:ffff::5"));
        assertEquals(AddressMapper.NO_MAPPING, toIpv4(m, "2001:db8:1::11"));
    }

    @Test
    @DisplayName("Local addresses: learned clients in the gateway, the prefix in plain SIIT")
    void localAddresses() {
        ClientTable clients = new ClientTable();
        StatelessMapper gateway = new StatelessMapper(new Rfc6052Prefix(IpPrefix.parse("64:ff9b:1::/96")),
                ExplicitMappings.empty(), true, clients);
        assertEquals(AddressMapperCodes.NO_MAPPING, toIpv6(gateway, "100.64.0.2", true));
        Ipv6Address client = (Ipv6Address) IpAddress.parse("2001:db8:1::2");
        clients.learn(v4("100.64.0.2"), client.high(), client.low(), "alice");
        assertEquals("2001:db8:1::2", toIpv6(gateway, "100.64.0.2", true));
        clients.forgetUnlessOwnedBy(v4("100.64.0.2"), "alice");
        assertEquals("2001:db8:1::2", toIpv6(gateway, "100.64.0.2", true));
        clients.forgetUnlessOwnedBy(v4("100.64.0.2"), "bob");
        assertEquals(AddressMapperCodes.NO_MAPPING, toIpv6(gateway, "100.64.0.2", true));
        assertEquals("64:ff9b:1::6440:2", toIpv6(mapper("64:ff9b:1::/96", true, List.of()), "100.64.0.2", true));
        byte[] a = IpAddress.parse("2001:db8:1::2").toBytes();
        assertEquals(v4("100.64.0.2") & 0xFFFFFFFFL, gateway.localToIpv4(a, 0, v4("100.64.0.2") & 0xFFFFFFFFL));
        assertEquals(AddressMapper.NO_MAPPING, gateway.localToIpv4(a, 0, -1));
    }

    /** The mapper's codes as the strings {@link #toIpv6} returns. */
    static final class AddressMapperCodes {
        static final String NO_MAPPING = Long.toString(AddressMapper.NO_MAPPING);
        static final String NON_GLOBAL = Long.toString(AddressMapper.NON_GLOBAL);
        static final String RESERVED = Long.toString(AddressMapper.RESERVED);
    }
}
