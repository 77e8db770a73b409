package dev.quetzal.runtime.cli.routes;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A PowerShell script that puts a gateway's route set on a Windows VPN connection. Windows ignores
 * the split routes an IKEv2 server pushes as traffic selectors (RFC 7296 §2.9) and the split-DNS
 * domains of RFC 8598, so the script sets them on the connection itself: split tunnelling, one
 * route per include prefix, and an NRPT rule per DNS domain that sends its names to the tunnel's
 * DNS servers. Running it again replaces what the last run added.
 */
public final class WindowsRouteScript {
    /** The connection name when none is given. */
    public static final String DEFAULT_CONNECTION = "Quetzal";

    private final String name;
    private final String ruleComment;

    /**
     * @param connection the VPN connection's name in Windows
     * @throws IllegalArgumentException for an empty name or one with control characters
     */
    public WindowsRouteScript(String connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection.isBlank()) {
            throw new IllegalArgumentException("--connection: expected the VPN connection's name, got an empty name");
        }
        for (int i = 0; i < connection.length(); i++) {
            if (Printable.isUnsafe(connection.charAt(i))) {
                throw new IllegalArgumentException("--connection: expected a name without control characters, got one at"
                        + " position " + i + " of \"" + Printable.of(connection) + "\"");
            }
        }
        this.name = PowerShell.quote(connection);
        this.ruleComment = PowerShell.quote("Quetzal:" + connection);
    }

    /** The script for {@code status}, read from {@code source}. */
    public String render(StatusRoutes status, URI source) {
        StringBuilder script = new StringBuilder(1024);
        line(script, PowerShell.comment("Quetzal routes for the VPN connection " + name + ": route set version "
                + status.version() + " from " + source));
        line(script, "# Windows ignores the split routes and DNS domains an IKEv2 server pushes, so this script puts them");
        line(script, "# on the connection. Run it in an elevated PowerShell, again whenever the route set changes.");
        line(script, "$ErrorActionPreference = 'Stop'");
        line(script, "");
        routes(script, status);
        line(script, "");
        dns(script, status);
        return script.toString();
    }

    private void routes(StringBuilder script, StatusRoutes status) {
        if (status.isFullTunnel()) {
            line(script, "# Full tunnel: the gateway publishes no include routes, so everything goes through the VPN and");
            line(script, "# the connection needs no routes of its own.");
            line(script, "Set-VpnConnection -Name " + name + " -SplitTunneling $false");
        } else {
            line(script, "Set-VpnConnection -Name " + name + " -SplitTunneling $true");
        }
        line(script, "# Remove the routes an earlier run added.");
        line(script, "(Get-VpnConnection -Name " + name + ").Routes | ForEach-Object {");
        line(script, "    Remove-VpnConnectionRoute -ConnectionName " + name + " -DestinationPrefix $_.DestinationPrefix");
        line(script, "}");
        if (status.leftOut() > 0) {
            line(script, "# The gateway left out " + status.leftOut() + " more specific route(s) over its routes.maxRoutes.");
        }
        List<Route> includes = status.routes().stream().filter(route -> route.kind() == Route.Kind.INCLUDE).toList();
        for (Route route : status.routes()) {
            if (route.kind() == Route.Kind.INCLUDE) {
                line(script, PowerShell.comment("from " + route.source()));
                line(script, "Add-VpnConnectionRoute -ConnectionName " + name + " -DestinationPrefix "
                        + PowerShell.quote(route.prefix().toString()));
            } else {
                line(script, PowerShell.comment(excludeNote(route, includes, status.isFullTunnel())));
            }
        }
    }

    /** Windows has no route that keeps a prefix out of the VPN's own routes; say what happens instead. */
    private static String excludeNote(Route exclude, List<Route> includes, boolean fullTunnel) {
        String head = "exclude " + exclude.prefix() + " (" + exclude.source() + "): not set, Windows cannot route a prefix"
                + " around the VPN inside the VPN's routes; ";
        if (fullTunnel) {
            return head + "it goes through the tunnel with everything else";
        }
        return includes.stream()
                .filter(include -> include.prefix().contains(exclude.prefix()))
                .findFirst()
                .map(include -> head + "it goes through the tunnel with " + include.prefix())
                .orElseGet(() -> head + "no route here covers it, so it stays outside the tunnel");
    }

    private void dns(StringBuilder script, StatusRoutes status) {
        if (!status.dnsDomains().isEmpty() && status.dnsServers().isEmpty()) {
            line(script, PowerShell.comment("DNS: the gateway's uplink is " + status.uplinkState()
                    + " and reports no DNS servers, so the NRPT rules stay as they are;"));
            line(script, "# run this again once it is connected.");
            return;
        }
        line(script, PowerShell.comment("DNS: names under these domains go to the tunnel's DNS servers (NRPT rules"
                + " with the comment " + ruleComment + ")."));
        line(script, "Get-DnsClientNrptRule | Where-Object { $_.Comment -eq " + ruleComment + " } | Remove-DnsClientNrptRule -Force");
        if (status.dnsDomains().isEmpty()) {
            line(script, "# The gateway offers no DNS domains: the connection's DNS settings apply.");
            return;
        }
        String servers = status.dnsServers().stream()
                .map(IpAddress::toString)
                .map(PowerShell::quote)
                .collect(Collectors.joining(", "));
        for (String domain : status.dnsDomains()) {
            line(script, "Add-DnsClientNrptRule -Namespace " + PowerShell.quote("." + domain) + " -NameServers " + servers
                    + " -Comment " + ruleComment);
        }
    }

    private static void line(StringBuilder script, String text) {
        script.append(text).append('\n');
    }
}
