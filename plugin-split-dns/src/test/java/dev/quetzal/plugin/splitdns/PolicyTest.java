package dev.quetzal.plugin.splitdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.backend.UplinkInfo;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 6, "policy checks": client packets to addresses outside the route set are dropped and counted by reason. */
final class PolicyTest {
    private static final String CLIENT = "198.18.1.2";
    private final FakeGateway gateway = new FakeGateway();
    private final FakeGateway.Client client = new FakeGateway.Client(IpAddress.parse(CLIENT));
    private SplitDnsFilter filter;

    @AfterEach
    void close() {
        filter.close();
    }

    private void start(List<String> domains, List<String> includes, List<String> excludes) {
        filter = new SplitDnsFilter(new SplitDnsConfig(domains, includes.stream().map(IpPrefix::parse).toList(),
                excludes.stream().map(IpPrefix::parse).toList(), null, null, null, null, null), gateway);
        filter.start();
    }

    private Verdict send(String destination) {
        PacketBuffer packet = Datagrams.udp(destination.contains(":") ? "2001:db8:1::2" : CLIENT, 5000, destination, 443,
                new byte[] {1});
        return filter.outbound(packet, client);
    }

    @Test
    @DisplayName("issue 6: inside an INCLUDE passes; inside an EXCLUDE within it, or outside, drops with reason outside-routes")
    void includeWithExclude() {
        start(List.of(), List.of("198.18.0.0/16", "2001:db8:10::/48"), List.of("198.18.128.0/17"));
        assertSame(Verdict.PASS, send("198.18.5.5"));
        assertEquals(Verdict.drop("outside-routes"), send("198.18.200.1"));
        assertEquals(Verdict.drop("outside-routes"), send("198.19.0.1"));
        assertSame(Verdict.PASS, send("2001:db8:10::99"));
        assertEquals(Verdict.drop("outside-routes"), send("2001:db8:11::1"));
    }

    @Test
    @DisplayName("issue 6: routes published by others (the backend's split routes) and learned addresses are allowed too")
    void otherSourcesAndLearned() {
        start(List.of("corp.example"), List.of(), List.of());
        assertEquals(Verdict.drop("outside-routes"), send("198.19.7.7"));
        gateway.routes().publish("fortivpn", List.of(Route.include(IpPrefix.parse("198.19.7.0/24"), "fortivpn")));
        assertSame(Verdict.PASS, send("198.19.7.7"));
        assertEquals(Verdict.drop("outside-routes"), send("198.18.44.4"));
        filter.inbound(Datagrams.udp("198.19.0.53", 53, CLIENT, 40000,
                DnsBytes.response(1, 0, 1).address("app.corp.example", 60, "198.18.44.4").toBytes()));
        assertSame(Verdict.PASS, send("198.18.44.4"));
    }

    @Test
    @DisplayName("issue 6: the uplink's DNS servers stay reachable, so tunnel names can be resolved")
    void dnsServersReachable() {
        start(List.of("corp.example"), List.of(), List.of());
        gateway.setUplink(new BackendState.Connected(new UplinkInfo(List.of(IpAddress.parse("198.19.200.2")),
                List.of(IpAddress.parse("198.19.0.53")), List.of(), List.of(), 1400)));
        gateway.injectedOutbound.clear();
        PacketBuffer query = Datagrams.udp(CLIENT, 41000, "198.19.0.53", 53, DnsBytes.query(1, "x.corp.example", 1).toBytes());
        assertSame(Verdict.PASS, filter.outbound(query, client));
    }

    @Test
    @DisplayName("issue 6: full tunnel (nothing configured, nothing published) lets everything through, IPv4 and IPv6")
    void fullTunnel() {
        start(List.of(), List.of(), List.of());
        assertSame(Verdict.PASS, send("198.19.255.1"));
        assertSame(Verdict.PASS, send("2001:db8:ffff::1"));
        assertEquals(0, gateway.sources.size());
    }
}
