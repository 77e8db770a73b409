package dev.quetzal.plugin.nat64.dns64;

import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.a;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.answer;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.query;
import static dev.quetzal.plugin.nat64.dns64.Dns64Fixture.udpMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Factory;
import dev.quetzal.plugin.nat64.Nat64Filter;
import dev.quetzal.plugin.nat64.TestFilterContext;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS64 inside the nat64 filter: the client's IPv6 query is translated, the
 * server's IPv4 answers come back through the hook, DNS64's A query leaves through the translator,
 * and the synthesized answer reaches the client as IPv6 (RFC 6147 §5.1.6, §5.1.7, §5.2).
 */
final class Dns64InterceptorTest {
    private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8:1::2");
    private static final IpAddress CLIENT4 = IpAddress.parse("100.64.0.2");
    private static final IpAddress SERVER4 = IpAddress.parse("198.18.0.53");
    private static final IpAddress SERVER6 = IpAddress.parse("64:ff9b:1::c612:35");

    @TempDir
    Path folder;

    private final TestFilterContext context = new TestFilterContext();
    private final TestFilterContext.Session alice = TestFilterContext.Session.of("alice", CLIENT4.toString(), CLIENT6.toString());

    private Nat64Filter start(Dns64Config dns64) throws Exception {
        context.uplinkState = new BackendState.Connected(new UplinkInfo(List.of(IpAddress.parse("198.18.1.1")), List.of(SERVER4),
                List.of("corp.example"), List.of(), 1400));
        Nat64Filter filter = (Nat64Filter) new Nat64Factory().create(
                new Nat64Config(IpPrefix.parse("64:ff9b:1::/96"), null, null, null, null, dns64), context);
        filter.start();
        return filter;
    }

    @Test
    @DisplayName("RFC 6147 §5.1.6 through the filter: IPv6 query out as IPv4, NODATA held, A query injected as IPv4, synthesized IPv6 answer")
    void nodataThroughTheFilter() throws Exception {
        Nat64Filter filter = start(Dns64Config.defaults());
        Message query = query("v4only.corp.example", Type.AAAA);
        PacketBuffer out = Dns64Fixture.udp(CLIENT6, 40000, SERVER6, 53, query.toWire());
        assertSame(Verdict.PASS, filter.outbound(out, alice));
        assertEquals(4, out.ipVersion(), "translated");
        assertEquals(SERVER4, DnsPackets.destination(out));

        PacketBuffer nodata = Dns64Fixture.udp(SERVER4, 53, CLIENT4, 40000, answer(query, Rcode.NOERROR).toWire());
        assertSame(Verdict.CONSUMED, filter.inbound(nodata));
        PacketBuffer aQueryPacket = context.injectedOutbound.getFirst();
        assertEquals(4, aQueryPacket.ipVersion(), "DNS64's query went through the translator");
        assertEquals(CLIENT4, DnsPackets.source(aQueryPacket));
        assertEquals(SERVER4, DnsPackets.destination(aQueryPacket));
        Message aQuery = udpMessage(aQueryPacket);
        assertEquals(Type.A, aQuery.getQuestion().getType());

        PacketBuffer aAnswer = Dns64Fixture.udp(SERVER4, 53, CLIENT4, 40000,
                answer(aQuery, Rcode.NOERROR, a("v4only.corp.example", 60, "10.20.30.40")).toWire());
        assertSame(Verdict.PASS, filter.inbound(aAnswer));
        assertEquals(6, aAnswer.ipVersion());
        assertEquals(CLIENT6, DnsPackets.destination(aAnswer));
        assertEquals(SERVER6, DnsPackets.source(aAnswer));
        Message result = udpMessage(aAnswer);
        assertEquals(query.getHeader().getID(), result.getHeader().getID());
        assertEquals("64:ff9b:1::a14:1e28",
                IpAddress.of(((AAAARecord) result.getSection(Section.ANSWER).getFirst()).getAddress()).toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) filter.status().get("dns64");
        assertEquals(1L, status.get("synthesized"));
        assertEquals(1L, status.get("aQueriesSent"));
        filter.close();
        assertTrue(context.periodic.isEmpty(), "close cancels the sweep");
    }

    @Test
    @DisplayName("RFC 6147 §5.1.6, dual stack: after the client used NAT64, its own IPv4 AAAA query still gets DNS64's"
            + " A query and a synthesized answer in IPv4, to the port it asked from")
    void dualStackClientsIpv4Query() throws Exception {
        Nat64Filter filter = start(Dns64Config.defaults());
        filter.outbound(Dns64Fixture.udp(CLIENT6, 40000, SERVER6, 53, query("v6.corp.example", Type.AAAA).toWire()), alice);

        Message query = query("v4only.corp.example", Type.AAAA);
        PacketBuffer out = Dns64Fixture.udp(CLIENT4, 41000, SERVER4, 53, query.toWire());
        assertSame(Verdict.PASS, filter.outbound(out, alice));
        assertEquals(4, out.ipVersion());
        PacketBuffer nodata = Dns64Fixture.udp(SERVER4, 53, CLIENT4, 41000, answer(query, Rcode.NOERROR).toWire());
        assertSame(Verdict.CONSUMED, filter.inbound(nodata), "DNS64 took the empty AAAA answer");
        Message aQuery = udpMessage(context.injectedOutbound.getLast());
        assertEquals(Type.A, aQuery.getQuestion().getType());

        PacketBuffer aAnswer = Dns64Fixture.udp(SERVER4, 53, CLIENT4, 41000,
                answer(aQuery, Rcode.NOERROR, a("v4only.corp.example", 60, "10.20.30.40")).toWire());
        assertSame(Verdict.PASS, filter.inbound(aAnswer));
        assertEquals(4, aAnswer.ipVersion(), "the answer stays IPv4, as the query was");
        assertEquals(CLIENT4, DnsPackets.destination(aAnswer));
        Message result = udpMessage(aAnswer);
        assertEquals(query.getHeader().getID(), result.getHeader().getID());
        assertEquals("64:ff9b:1::a14:1e28",
                IpAddress.of(((AAAARecord) result.getSection(Section.ANSWER).getFirst()).getAddress()).toString());
        filter.close();
    }

    @Test
    @DisplayName("RFC 6147 §5.1.3 through the filter: the periodic sweep sends the A query when the AAAA answer is late")
    void sweepSendsTheAQuery() throws Exception {
        Nat64Filter filter = start(new Dns64Config(null, null, null, null, null, Duration.ofMillis(500)));
        filter.outbound(Dns64Fixture.udp(CLIENT6, 40000, SERVER6, 53, query("late.corp.example", Type.AAAA).toWire()), alice);
        context.nanos += Duration.ofMillis(600).toNanos();
        context.periodic.forEach(Runnable::run);
        assertEquals(1, context.injectedOutbound.size());
        assertEquals(Type.A, udpMessage(context.injectedOutbound.getFirst()).getQuestion().getType());
        filter.close();
    }

    @Test
    @DisplayName("A-query policy \"empty\" through the filter: REPLY with the IPv6 answer; a disabled DNS64 leaves DNS alone")
    void emptyAAndDisabled() throws Exception {
        Nat64Filter filter = start(new Dns64Config(null, null, "empty", null, null, null));
        PacketBuffer out = Dns64Fixture.udp(CLIENT6, 40000, SERVER6, 53, query("www.corp.example", Type.A).toWire());
        assertSame(Verdict.REPLY, filter.outbound(out, alice));
        assertEquals(CLIENT6, DnsPackets.destination(out));
        assertEquals(Rcode.NOERROR, udpMessage(out).getRcode());
        filter.close();

        Nat64Filter off = start(new Dns64Config(false, null, "empty", null, null, null));
        PacketBuffer plain = Dns64Fixture.udp(CLIENT6, 40000, SERVER6, 53, query("www.corp.example", Type.A).toWire());
        assertSame(Verdict.PASS, off.outbound(plain, alice));
        assertEquals(4, plain.ipVersion(), "just translated");
        off.close();
    }

    @Test
    @DisplayName("RFC 6147 §5 in the real runtime: the gateway starts the nat64 filter with DNS64 (uplink subscription, sweep timer) and stops it")
    void runsInTheGateway() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
                 "filters": [{"type": "nat64", "dns64": {"suffixes": ["corp.example"]}}], "status": {"enabled": false}}
                """, Map.of());
        Gateway gateway = GatewayModule.createGateway(config);
        gateway.start();
        try {
            Nat64Filter filter = gateway.components().stream().map(c -> c.component())
                    .filter(c -> c instanceof Nat64Filter).map(c -> (Nat64Filter) c).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) filter.status().get("dns64");
            assertEquals(List.of("ipv4only.arpa.", "corp.example."), status.get("suffixes"));
        } finally {
            assertTrue(gateway.stop(), "stopped in time");
        }
    }

    @Test
    @DisplayName("Config: the dns64 object binds with defaults; bad values are refused with their path")
    void config() throws Exception {
        LoadedConfig config = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
                 "filters": [{"type": "nat64", "dns64": {"suffixes": ["corp.example"], "aQueries": "empty", "servers": ["10.0.0.53"],
                  "exclude": ["::ffff:0:0/96", "2001:db8:bad::/48"], "timeout": "1s"}}]}
                """, Map.of());
        Dns64Config dns64 = ((Nat64Config) config.filters().getFirst().config()).dns64();
        assertEquals(List.of("corp.example"), dns64.suffixes());
        assertTrue(dns64.answersAQueriesEmpty());
        assertEquals(List.of(IpAddress.parse("10.0.0.53")), dns64.servers());
        assertEquals(2, dns64.exclude().size());
        assertEquals(Duration.ofSeconds(1), dns64.timeout());

        LoadedConfig defaults = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
                 "filters": [{"type": "nat64"}]}
                """, Map.of());
        assertEquals(Dns64Config.defaults(), ((Nat64Config) defaults.filters().getFirst().config()).dns64());
        assertEquals(List.of(Dns64Config.DEFAULT_EXCLUDE), Dns64Config.defaults().exclude());

        ConfigException e = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
                 "filters": [{"type": "nat64", "dns64": {"aQueries": "drop"}}]}
                """, Map.of()));
        assertTrue(e.getMessage().contains("$.filters[0].dns64.aQueries: expected \"empty\" or \"pass\", got \"drop\""), e.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}], "backend": {"type": "test-backend", "server": "vpn.example.com:443"},
                 "filters": [{"type": "nat64", "dns64": {"suffixes": ["a..b"], "exclude": ["10.0.0.0/8"]}}]}
                """, Map.of()));
        assertInstanceOf(ConfigException.class, bad);
        assertTrue(bad.getMessage().contains("dns64.suffixes[0]: expected a DNS name"), bad.getMessage());
    }
}
