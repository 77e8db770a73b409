package dev.quetzal.runtime.cli.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading the route set from a {@code /status} document (JSON, RFC 8259): parse, then check every
 * value (RFC 4632 prefixes, RFC 1035 domain names, IP addresses); anything else is one line naming the
 * JSON path (RFC 9535 §2.2 notation) and what was expected.
 */
final class StatusRoutesTest {
    private static StatusRoutes parse(String json) throws Exception {
        return StatusRoutes.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void readsRoutesDomainsCountAndDnsServers() {
        StatusRoutes routes = Fixtures.routes("split.json");

        assertEquals(7, routes.version());
        assertEquals(5, routes.routes().size());
        assertEquals(Route.include(IpPrefix.parse("198.18.7.0/31"), "split-dns:a.corp.example, split-dns:b.corp.example"),
                routes.routes().get(1));
        assertEquals(Route.exclude(IpPrefix.parse("10.9.0.0/16"), "fortivpn"), routes.routes().get(3));
        assertEquals(List.of("corp.example", "intranet.example"), routes.dnsDomains());
        assertEquals(List.of(IpAddress.parse("198.18.0.53"), IpAddress.parse("2001:db8::53")), routes.dnsServers());
        assertEquals("connected", routes.uplinkState());
        assertEquals(0, routes.leftOut());
        assertFalse(routes.isFullTunnel());
        assertTrue(Fixtures.routes("full-tunnel.json").isFullTunnel());
    }

    @Test
    @DisplayName("a gateway before API 1.2 (no dnsDomains, no leftOut) is read as having none")
    void olderGateway() throws Exception {
        StatusRoutes routes = parse("""
                {"uplink": {"state": "disconnected"}, "routes": {"version": 0, "fullTunnel": true, "routes": []}}""");

        assertEquals(List.of(), routes.dnsDomains());
        assertEquals(0, routes.leftOut());
        assertEquals(List.of(), routes.dnsServers());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[]                                                                   | $: expected the JSON object of the gateway's /status, got []",
        "{}                                                                   | $.routes: missing (is this the /status of quetzal?)",
        "{'uplink': {'state': 'up'}, 'routes': []}                            | $.routes: expected an object, got []",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1}}                | $.routes.routes: missing (is this the /status of quetzal?)",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': {}}}  | $.routes.routes: expected a list of routes, got {}",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [7]}} | $.routes.routes[0]: expected a route object with prefix, kind and source, got 7",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [{'prefix': '10.1.2.3/8', 'kind': 'include', 'source': 's'}]}} | $.routes.routes[0].prefix: expected a prefix without host bits, got 10.1.2.3/8",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [{'prefix': '10.0.0.0/8', 'kind': 'sideways', 'source': 's'}]}} | $.routes.routes[0].kind: expected include or exclude, got \"sideways\"",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [{'prefix': '10.0.0.0/8', 'kind': 'include'}]}} | $.routes.routes[0].source: missing",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [], 'dnsDomains': 'corp'}} | $.routes.dnsDomains: expected a list, got \"corp\"",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [], 'dnsDomains': ['a b']}} | $.routes.dnsDomains[0]: expected a DNS domain name",
        "{'uplink': {'state': 'up'}, 'routes': {'version': -1, 'routes': []}} | $.routes.version: expected a route set version (a whole number >= 0), got -1",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 18446744073709551616, 'routes': []}} | $.routes.version: expected a route set version",
        "{'uplink': {'state': 'up'}, 'routes': {'version': '7', 'routes': []}} | $.routes.version: expected a route set version (a whole number >= 0), got \"7\"",
        "{'uplink': {'state': 'up'}, 'routes': {'version': 1, 'routes': [], 'leftOut': 1.5}} | $.routes.leftOut: expected a count of routes (a whole number >= 0), got 1.5",
        "{'uplink': {'state': 'up', 'dnsServers': ['dns.example']}, 'routes': {'version': 1, 'routes': []}} | $.uplink.dnsServers[0]: expected an IP address, got \"dns.example\"",
        "{'uplink': {}, 'routes': {'version': 1, 'routes': []}}              | $.uplink.state: missing",
    })
    void refusesWhatStatusDoesNotServe(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json.replace('\'', '"')));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    @DisplayName("control characters in sources and the uplink state are shown as ? (they go to a terminal)")
    void controlCharactersAreMadeVisible() throws Exception {
        StatusRoutes routes = parse("""
                {"uplink": {"state": "up\\u001b[2J"}, "routes": {"version": 1, "routes": [
                  {"prefix": "10.0.0.0/8", "kind": "include", "source": "evil\\nline\\u202e"}]}}""");

        assertEquals("evil?line?", routes.routes().getFirst().source());
        assertEquals("up?[2J", routes.uplinkState());
    }
}
