package dev.quetzal.runtime.cli.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.Route;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PowerShell script of {@code quetzal routes windows} (issue 6: Windows ignores pushed split
 * routes, RFC 7296 §2.9 traffic selectors, and RFC 8598 INTERNAL_DNS_DOMAIN), checked as text from
 * {@code /status} fixtures: there is no Windows here to run it.
 */
final class WindowsRouteScriptTest {
    private static final URI STATUS = URI.create("http://127.0.0.1:8964/status");

    private static void assertHas(String script, String text) {
        assertTrue(script.contains(text), script);
    }

    private static String script(String connection, String fixture) {
        return new WindowsRouteScript(connection).render(Fixtures.routes(fixture), STATUS);
    }

    @Test
    @DisplayName("split tunnel: one route per include, a comment per exclude, NRPT rules replaced per DNS domain")
    void splitTunnel() {
        assertEquals("""
                # Quetzal routes for the VPN connection 'Quetzal': route set version 7 from http://127.0.0.1:8964/status
                # Windows ignores the split routes and DNS domains an IKEv2 server pushes, so this script puts them
                # on the connection. Run it in an elevated PowerShell, again whenever the route set changes.
                $ErrorActionPreference = 'Stop'

                Set-VpnConnection -Name 'Quetzal' -SplitTunneling $true
                # Remove the routes an earlier run added.
                (Get-VpnConnection -Name 'Quetzal').Routes | ForEach-Object {
                    Remove-VpnConnectionRoute -ConnectionName 'Quetzal' -DestinationPrefix $_.DestinationPrefix
                }
                # from fortivpn
                Add-VpnConnectionRoute -ConnectionName 'Quetzal' -DestinationPrefix '10.0.0.0/8'
                # from split-dns:a.corp.example, split-dns:b.corp.example
                Add-VpnConnectionRoute -ConnectionName 'Quetzal' -DestinationPrefix '198.18.7.0/31'
                # from static
                Add-VpnConnectionRoute -ConnectionName 'Quetzal' -DestinationPrefix '2001:db8:42::/48'
                # exclude 10.9.0.0/16 (fortivpn): not set, Windows cannot route a prefix around the VPN inside the \
                VPN's routes; it goes through the tunnel with 10.0.0.0/8
                # exclude 192.0.2.0/24 (fortivpn): not set, Windows cannot route a prefix around the VPN inside the \
                VPN's routes; no route here covers it, so it stays outside the tunnel

                # DNS: names under these domains go to the tunnel's DNS servers (NRPT rules with the comment 'Quetzal:Quetzal').
                Get-DnsClientNrptRule | Where-Object { $_.Comment -eq 'Quetzal:Quetzal' } | Remove-DnsClientNrptRule -Force
                Add-DnsClientNrptRule -Namespace '.corp.example' -NameServers '198.18.0.53', '2001:db8::53' -Comment \
                'Quetzal:Quetzal'
                Add-DnsClientNrptRule -Namespace '.intranet.example' -NameServers '198.18.0.53', '2001:db8::53' -Comment \
                'Quetzal:Quetzal'
                """, script("Quetzal", "split.json"));
    }

    @Test
    @DisplayName("full tunnel: split tunnelling off and no routes, with the reason; old routes and rules still removed")
    void fullTunnel() {
        String script = script("Office VPN", "full-tunnel.json");

        assertHas(script, """
                # Full tunnel: the gateway publishes no include routes, so everything goes through the VPN and
                # the connection needs no routes of its own.
                Set-VpnConnection -Name 'Office VPN' -SplitTunneling $false
                # Remove the routes an earlier run added.
                """);
        assertFalse(script.contains("Add-VpnConnectionRoute"), script);
        assertFalse(script.contains("$true"), script);
        assertHas(script, "# exclude 10.9.0.0/16 (fortivpn): not set, Windows cannot route a prefix around the VPN"
                + " inside the VPN's routes; it goes through the tunnel with everything else\n");
        assertHas(script, """
                Get-DnsClientNrptRule | Where-Object { $_.Comment -eq 'Quetzal:Office VPN' } | Remove-DnsClientNrptRule -Force
                # The gateway offers no DNS domains: the connection's DNS settings apply.
                """);
        assertFalse(script.contains("Add-DnsClientNrptRule"), script);
    }

    @Test
    @DisplayName("an uplink without DNS servers leaves the NRPT rules alone and says so; the cap's left-out count is noted")
    void noDnsServers() {
        String script = script("Quetzal", "disconnected.json");

        assertHas(script, "# The gateway left out 2 more specific route(s) over its routes.maxRoutes.\n");
        assertHas(script, "Add-VpnConnectionRoute -ConnectionName 'Quetzal' -DestinationPrefix '198.18.7.1/32'\n");
        assertTrue(script.endsWith("""
                # DNS: the gateway's uplink is connecting and reports no DNS servers, so the NRPT rules stay as they are;
                # run this again once it is connected.
                """), script);
        assertFalse(script.contains("NrptRule"), script);
    }

    @Test
    @DisplayName("every value is a single-quoted PowerShell string with its quotes doubled, typographic ones too")
    void quotesTheConnectionName() {
        String script = script("Bob's ‘VPN’", "split.json");

        assertHas(script, "Set-VpnConnection -Name 'Bob''s ‘‘VPN’’' -SplitTunneling $true\n");
        assertHas(script, "-Comment 'Quetzal:Bob''s ‘‘VPN’’'\n");
        assertEquals("'it''s'", PowerShell.quote("it's"));
        assertEquals("'‚‚x‛‛'", PowerShell.quote("‚x‛"));
        assertEquals("''", PowerShell.quote(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Quetzal\nRemove-Item C:\\", "a\rb", "tab\tname", "bell\u0007", "bidi\u202Eevil", "line\u2028sep"})
    @DisplayName("a connection name with control characters is refused with a one-line message")
    void refusesControlCharacters(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WindowsRouteScript(name));

        assertTrue(e.getMessage().startsWith("--connection: expected a name without control characters, got one at position "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void refusesAnEmptyName() {
        assertEquals("--connection: expected the VPN connection's name, got an empty name",
                assertThrows(IllegalArgumentException.class, () -> new WindowsRouteScript(" ")).getMessage());
    }

    @Test
    @DisplayName("a source with a line break cannot end its comment and start a command")
    void sourcesStayInTheirComments() {
        StatusRoutes routes = StatusRoutes.parse(Fixtures.json("split.json"));
        StatusRoutes hostile = new StatusRoutes(routes.version(),
                List.of(Route.include(routes.routes().getFirst().prefix(), "x\nRemove-Item C:\\")),
                routes.dnsDomains(), 0, "connected", routes.dnsServers());

        String script = new WindowsRouteScript("Quetzal").render(hostile, STATUS);

        assertHas(script, "# from x?Remove-Item C:\\\n");
        assertFalse(script.lines().anyMatch(line -> line.startsWith("Remove-Item")), script);
    }
}
