package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The nat64 filter: RFC 7915 §4/§5 per direction, learned clients, routes, DNS hook. */
final class Nat64FilterTest {
    static final String CLIENT6 = "2001:db8:1::2";
    static final String CLIENT4 = "100.64.0.2";
    static final String SERVER4 = "198.18.0.1";
    static final String SERVER6 = "64:ff9b:1::c612:1"; // RFC 8215 local-use /96, RFC 6052 §2.2 embedding

    final TestFilterContext context = new TestFilterContext();
    final TestFilterContext.Session alice = TestFilterContext.Session.of("alice", CLIENT4, CLIENT6);

    Nat64Filter filter(Nat64Config config) {
        return (Nat64Filter) new Nat64Factory().create(config, context);
    }

    static PacketBuffer buffer(byte[] packet) {
        return PacketBuffer.copyOf(packet, 128, 512);
    }

    static byte[] udp6(String src, String dst, int dstPort, int hop) {
        return Packets.fixTransport(Packets.ipv6(src, dst, 17, hop, Packets.udp(40000, dstPort, 100)), 40, 17);
    }

    static byte[] udp4(String src, String dst, int srcPort, int flags, int length) {
        return Packets.fixTransport(Packets.ipv4(src, dst, 17, 64, 0x1234, flags, Packets.udp(srcPort, 40000, length)), 20, 17);
    }

    @Test
    @DisplayName("RFC 7915 §5 outbound with the client's IPv4 as source, §4 inbound back to the learned IPv6 address")
    void translatesBothWaysThroughTheLearnedClient() {
        Nat64Filter filter = filter(new Nat64Config(null));
        PacketBuffer out = buffer(udp6(CLIENT6, SERVER6, 443, 64));
        assertSame(Verdict.PASS, filter.outbound(out, alice));
        byte[] v4 = out.toByteArray();
        assertEquals(0x45, v4[0] & 0xFF);
        assertEquals(IpAddress.parse(CLIENT4), Packets.address(v4, 12, 4));
        assertEquals(IpAddress.parse(SERVER4), Packets.address(v4, 16, 4));
        assertEquals(63, v4[8] & 0xFF, "the translator is a router: TTL one less");
        assertTrue(Packets.transportValid(v4, 20, 17));
        assertEquals(1, context.count("quetzal_nat64_translated_total", "direction", "6to4"));

        PacketBuffer in = buffer(udp4(SERVER4, CLIENT4, 443, 0x4000, 100));
        assertSame(Verdict.PASS, filter.inbound(in));
        byte[] v6 = in.toByteArray();
        assertEquals(6, (v6[0] & 0xFF) >>> 4);
        assertEquals(IpAddress.parse(SERVER6), Packets.address(v6, 8, 16));
        assertEquals(IpAddress.parse(CLIENT6), Packets.address(v6, 24, 16));
        assertTrue(Packets.transportValid(v6, 40, 17));
        assertEquals(1, context.count("quetzal_nat64_translated_total", "direction", "4to6"));
        assertEquals(1, filter.status().get("learnedClients"));
    }

    @Test
    @DisplayName("Dual stack: IPv4 for a client not yet seen over IPv6, IPv6 off the prefix, outbound IPv4 pass unchanged")
    void leavesOtherTrafficAlone() {
        Nat64Filter filter = filter(new Nat64Config(null));
        byte[] in4 = udp4(SERVER4, CLIENT4, 443, 0x4000, 100);
        PacketBuffer in = buffer(in4);
        assertSame(Verdict.PASS, filter.inbound(in));
        assertArrayEquals(in4, in.toByteArray());
        byte[] native6 = udp6(CLIENT6, "2001:db8:2::1", 443, 64);
        PacketBuffer out6 = buffer(native6);
        assertSame(Verdict.PASS, filter.outbound(out6, alice));
        assertArrayEquals(native6, out6.toByteArray());
        filter.outbound(buffer(udp6(CLIENT6, SERVER6, 443, 64)), alice);
        byte[] multicast = udp4(SERVER4, "224.0.0.251", 5353, 0, 40);
        PacketBuffer m = buffer(multicast);
        assertSame(Verdict.PASS, filter.inbound(m), "multicast is not the translator's");
        assertArrayEquals(multicast, m.toByteArray());
        byte[] garbage6 = udp6(CLIENT6, "2001:db8:2::1", 443, 64);
        garbage6[4] = (byte) 0xFF; // payload length past the end
        PacketBuffer g = buffer(garbage6);
        assertSame(Verdict.PASS, filter.outbound(g, alice), "a malformed packet for elsewhere is not ours to drop");
        byte[] out4 = udp4(CLIENT4, SERVER4, 40000, 0x4000, 100);
        PacketBuffer out = buffer(out4);
        assertSame(Verdict.PASS, filter.outbound(out, alice));
        assertArrayEquals(out4, out.toByteArray());
    }

    @Test
    @DisplayName("RFC 7915 §4, dual stack: once a client used NAT64, IPv4 answering its translated flows becomes IPv6"
            + " while its own IPv4 flows (other ports, ICMP echo of its own) still reach it unchanged")
    void dualStackClientKeepsItsIpv4Flows() {
        Nat64Filter filter = filter(new Nat64Config(null));
        assertSame(Verdict.PASS, filter.outbound(buffer(udp6(CLIENT6, SERVER6, 443, 64)), alice));

        byte[] nativeReply = udp4(SERVER4, CLIENT4, 5201, 0x4000, 100);
        PacketBuffer nativeIn = buffer(nativeReply);
        assertSame(Verdict.PASS, filter.inbound(nativeIn));
        assertArrayEquals(nativeReply, nativeIn.toByteArray(), "another port: the client's own IPv4 flow");
        byte[] echoReply = Packets.fixTransport(Packets.ipv4(SERVER4, CLIENT4, 1, 64, 1, 0x4000,
                Packets.icmp(0, 0, 0x77770001, new byte[8])), 20, 1);
        PacketBuffer echoIn = buffer(echoReply);
        assertSame(Verdict.PASS, filter.inbound(echoIn));
        assertArrayEquals(echoReply, echoIn.toByteArray(), "an echo reply to a ping the client sent over IPv4");

        PacketBuffer translatedIn = buffer(udp4(SERVER4, CLIENT4, 443, 0x4000, 100));
        assertSame(Verdict.PASS, filter.inbound(translatedIn));
        assertEquals(6, (translatedIn.toByteArray()[0] & 0xFF) >>> 4, "the answer to the translated flow");

        context.nanos += 301_000_000_000L; // past the UDP idle time
        byte[] late = udp4(SERVER4, CLIENT4, 443, 0x4000, 100);
        PacketBuffer lateIn = buffer(late);
        assertSame(Verdict.PASS, filter.inbound(lateIn));
        assertArrayEquals(late, lateIn.toByteArray(), "an expired flow is no longer the translator's");
    }

    @Test
    @DisplayName("A source that maps to nothing is dropped with a reason and counted")
    void dropsAnUnmappableSource() {
        Nat64Filter filter = filter(new Nat64Config(null));
        ClientSession v6only = TestFilterContext.Session.of("bob", "2001:db8:1::3");
        Verdict v = filter.outbound(buffer(udp6("2001:db8:1::3", SERVER6, 443, 64)), v6only);
        assertEquals("nat64-no-ipv4-source", assertInstanceOf(Verdict.Drop.class, v).reason());
        assertEquals(1, context.count("quetzal_nat64_dropped_total", "reason", "no-ipv4-source"));
    }

    @Test
    @DisplayName("An IPv4 address used by another session no longer leads back to the first client")
    void forgetsAReassignedAddress() {
        Nat64Filter filter = filter(new Nat64Config(null));
        filter.outbound(buffer(udp6(CLIENT6, SERVER6, 443, 64)), alice);
        ClientSession bob = TestFilterContext.Session.of("bob", CLIENT4);
        filter.outbound(buffer(udp4(CLIENT4, SERVER4, 40000, 0x4000, 100)), bob);
        byte[] in4 = udp4(SERVER4, CLIENT4, 443, 0x4000, 100);
        PacketBuffer in = buffer(in4);
        assertSame(Verdict.PASS, filter.inbound(in));
        assertArrayEquals(in4, in.toByteArray(), "bob's IPv4 traffic stays IPv4");
    }

    @Test
    @DisplayName("RFC 7757: an explicit mapping translates inbound without learning; routes offer the prefix and mapped IPv6")
    void explicitMappingsAndRoutes() throws Exception {
        Nat64Config config = new Nat64Config(IpPrefix.parse("64:ff9b:1::/96"),
                List.of(new Nat64Config.Mapping(IpPrefix.parse("2001:db8:5::/120"), IpPrefix.parse("198.18.5.0/24"))),
                null, null, null);
        Nat64Filter filter = filter(config);
        filter.start();
        assertEquals(List.of(Route.include(IpPrefix.parse("64:ff9b:1::/96"), "nat64:nat64"),
                Route.include(IpPrefix.parse("2001:db8:5::/120"), "nat64:nat64")), context.published.get("nat64:nat64"));
        PacketBuffer in = buffer(udp4(SERVER4, "198.18.5.9", 443, 0x4000, 100));
        assertSame(Verdict.PASS, filter.inbound(in));
        assertEquals(IpAddress.parse("2001:db8:5::9"), Packets.address(in.toByteArray(), 24, 16));
        filter.close();
        assertEquals(List.of(), context.published.get("nat64:nat64"), "close withdraws the routes");
    }

    @Test
    @DisplayName("RFC 6147 §5 hook: port-53 packets reach the DNS interceptor before translation; PASS goes on")
    void dnsInterceptorSeesQueriesFirst() {
        Nat64Filter filter = filter(new Nat64Config(null));
        List<String> seen = new ArrayList<>();
        filter.dnsInterceptor(new DnsInterceptor() {
            @Override
            public Verdict outbound(PacketBuffer packet, int transportOffset, ClientSession client) {
                seen.add("out v" + packet.ipVersion() + " @" + transportOffset + " " + client.id());
                return packet.getUnsignedShort(transportOffset) == 40001 ? Verdict.REPLY : Verdict.PASS;
            }

            @Override
            public Verdict inbound(PacketBuffer packet, int transportOffset) {
                seen.add("in v" + packet.ipVersion() + " @" + transportOffset);
                return Verdict.PASS;
            }
        });
        PacketBuffer query = buffer(udp6(CLIENT6, SERVER6, 53, 64));
        assertSame(Verdict.PASS, filter.outbound(query, alice));
        assertEquals(4, query.ipVersion(), "passed on, then translated");
        byte[] answered = udp6(CLIENT6, SERVER6, 53, 64);
        Packets.put16(answered, 40, 40001);
        assertSame(Verdict.REPLY, filter.outbound(buffer(answered), alice));
        assertSame(Verdict.PASS, filter.inbound(buffer(udp4(SERVER4, CLIENT4, 53, 0, 60))));
        filter.outbound(buffer(udp6(CLIENT6, SERVER6, 443, 64)), alice);
        assertEquals(List.of("out v6 @40 alice", "out v6 @40 alice", "in v4 @20"), seen);
    }

    @Test
    @DisplayName("RFC 7915 §4: an IPv4 packet without DF over the lowest IPv6 MTU leaves as fragments, the first injected")
    void fragmentsInboundToTheLowestMtu() {
        Nat64Filter filter = filter(new Nat64Config(null));
        filter.outbound(buffer(udp6(CLIENT6, SERVER6, 443, 64)), alice);
        PacketBuffer in = PacketBuffer.copyOf(udp4(SERVER4, CLIENT4, 443, 0, 1400), 128, 512);
        assertSame(Verdict.PASS, filter.inbound(in));
        assertEquals(1, context.injected.size());
        byte[] first = context.injected.getFirst().toByteArray();
        assertEquals(1280, first.length);
        assertEquals(44, first[6], "Fragment header");
        assertEquals(1, Packets.u16(first, 42), "offset 0, M set");
        byte[] last = in.toByteArray();
        assertEquals(1232, Packets.u16(last, 42), "offset 1232, M clear");
        assertEquals(48 + 1428 - 20 - 1232, last.length);
    }

    @Test
    @DisplayName("RFC 7915 §5.1 / RFC 4443 §3.3: hop limit 1 is answered with Time Exceeded, counted")
    void answersAnExpiredHopLimit() {
        Nat64Filter filter = filter(new Nat64Config(null));
        PacketBuffer p = buffer(udp6(CLIENT6, SERVER6, 443, 1));
        assertSame(Verdict.REPLY, filter.outbound(p, alice));
        byte[] reply = p.toByteArray();
        assertEquals(58, reply[6]);
        assertEquals(3, reply[40], "Time Exceeded");
        assertEquals(IpAddress.parse(CLIENT6), Packets.address(reply, 24, 16));
        assertEquals(IpAddress.parse("64:ff9b:1::c000:8"), Packets.address(reply, 8, 16), "RFC 7600 192.0.0.8 under the prefix");
        assertTrue(Packets.transportValid(reply, 40, 58));
        assertEquals(1, context.count("quetzal_nat64_icmp_errors_sent_total"));
    }
}
