package dev.quetzal.runtime.cli;

import static dev.quetzal.runtime.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.runtime.cli.CliRun.Result;
import dev.quetzal.runtime.cli.routes.Fixtures;
import dev.quetzal.runtime.config.GatewaySettings;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.config.RouteSettings;
import dev.quetzal.runtime.config.StatusSettings;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.TestSpecs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code quetzal routes} and {@code quetzal routes windows} against a status endpoint on 127.0.0.1
 * (HTTP/1.1, RFC 9110): a fixture server for the outputs and every way the status can be unusable
 * (exit 1, one line), and a real gateway for the whole path from publish to listing (issue 6).
 */
final class RoutesCommandTest {
    private HttpServer server;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    /** Serves {@code body} with {@code code} at /status on 127.0.0.1; returns the URL. */
    private String serve(int code, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/status", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/status";
    }

    /** Exit 1, nothing on standard output and one line on standard error that starts with {@code start}. */
    private static void assertFailure(Result result, String start) {
        assertEquals(ExitCodes.FAILURE, result.status(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith(start), result.err());
    }

    @Test
    @DisplayName("quetzal routes prints one line per route with kind and source, then the DNS domains")
    void listsTheRouteSet() throws Exception {
        String url = serve(200, Fixtures.text("split.json"));

        Result result = run("routes", "--status", url);

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertEquals("", result.err());
        assertTrue(result.out().startsWith("route set version 7: split tunnel, 5 routes\n10.0.0.0/8        include  fortivpn\n"),
                result.out());
        assertTrue(result.out().endsWith("DNS domains: corp.example, intranet.example\n"), result.out());
    }

    @Test
    @DisplayName("quetzal routes windows prints the PowerShell script for the named connection")
    void printsTheWindowsScript() throws Exception {
        String url = serve(200, Fixtures.text("split.json"));

        Result result = run("routes", "windows", "--status", url, "--connection", "Corp VPN");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().startsWith("# Quetzal routes for the VPN connection 'Corp VPN': route set version 7 from "
                + url + "\n"), result.out());
        assertTrue(result.out().contains("Add-VpnConnectionRoute -ConnectionName 'Corp VPN' -DestinationPrefix '10.0.0.0/8'\n"),
                result.out());
        assertTrue(result.out().contains("Add-DnsClientNrptRule -Namespace '.corp.example' -NameServers '198.18.0.53',"
                + " '2001:db8::53' -Comment 'Quetzal:Corp VPN'\n"), result.out());
    }

    @Test
    @DisplayName("--status given to routes before windows applies to windows")
    void statusBeforeTheSubcommand() throws Exception {
        String url = serve(200, Fixtures.text("full-tunnel.json"));

        Result result = run("routes", "--status", url, "windows");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().contains("Set-VpnConnection -Name 'Quetzal' -SplitTunneling $false\n"), result.out());
    }

    @Test
    @DisplayName("the default connection name is Quetzal; with domains but no DNS servers a note goes to stderr")
    void defaultConnectionAndNoDnsServersNote() throws Exception {
        String url = serve(200, Fixtures.text("disconnected.json"));

        Result result = run("routes", "windows", "--status", url);

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertTrue(result.out().contains("Set-VpnConnection -Name 'Quetzal' -SplitTunneling $true\n"), result.out());
        assertEquals("note: the gateway's uplink is connecting and reports no DNS servers: the script leaves the NRPT rules"
                + " as they are\n", result.err());
    }

    @Test
    @DisplayName("a connection name with a control character is a usage error (exit 2), before any request")
    void refusesAControlCharacterInTheName() {
        Result result = run("routes", "windows", "--status", "http://127.0.0.1:9/status", "--connection", "VPN\nRemove-Item");

        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals("--connection: expected a name without control characters, got one at position 3 of \"VPN?Remove-Item\"\n",
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void helpNamesTheOptionsAndDefaults() {
        Result routes = run("routes", "--help");
        Result windows = run("routes", "windows", "--help");

        assertEquals(ExitCodes.OK, routes.status());
        assertTrue(routes.out().startsWith("Usage: quetzal routes"), routes.out());
        assertTrue(routes.out().contains("Default: http://127.0.0.1:8964/status\n"), routes.out());
        assertTrue(routes.out().contains("windows"), routes.out());
        assertEquals(ExitCodes.OK, windows.status());
        assertTrue(windows.out().startsWith("Usage: quetzal routes windows"), windows.out());
        assertTrue(windows.out().contains("--connection=NAME"), windows.out());
        assertTrue(windows.out().contains("Default: Quetzal\n"), windows.out());
    }

    @Test
    void refusesAStatusThatIsNotAnHttpUrl() {
        Result result = run("routes", "--status", "ftp://127.0.0.1/status");

        assertEquals(ExitCodes.BAD_INPUT, result.status());
        assertEquals("--status: expected an http:// URL like http://127.0.0.1:8964/status, got \"ftp://127.0.0.1/status\"\n",
                result.err());
    }

    @Test
    @DisplayName("nothing listening: exit 1 with one line naming the URL")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/status";

        for (String[] args : List.of(new String[] {"routes", "--status", url},
                new String[] {"routes", "windows", "--status", url})) {
            assertFailure(run(args), "cannot reach the gateway's status endpoint at " + url + ": ");
        }
    }

    @Test
    @DisplayName("RFC 9110 §15: anything but 200 is exit 1 with the status code")
    void notOk() throws Exception {
        String url = serve(404, "");

        assertFailure(run("routes", "--status", url), url + ": expected HTTP 200 with the gateway's status, got HTTP 404\n");
    }

    @Test
    @DisplayName("RFC 8259: a body that is not JSON, or JSON of another shape, is exit 1 with one line")
    void notTheStatusJson() throws Exception {
        String url = serve(200, "<html>hello</html>");
        assertFailure(run("routes", "--status", url),
                url + ": expected the gateway's status JSON, got invalid JSON at line 1, column ");
        server.stop(0);

        url = serve(200, "{\"uplink\": {\"state\": \"up\"}, \"routes\": {\"version\": 1, \"routes\": [{\"prefix\": \"10.0.0.0/33\","
                + " \"kind\": \"include\", \"source\": \"x\"}]}}");
        assertFailure(run("routes", "windows", "--status", url),
                url + ": not the gateway's status: $.routes.routes[0].prefix: expected a prefix length 0..32, got 33\n");
    }

    @Test
    @DisplayName("issue 6 end to end: routes published in a running gateway come out of quetzal routes aggregated")
    void readsARunningGateway() throws Exception {
        GatewaySettings settings = new GatewaySettings(null, new StatusSettings(true, new HostPort("127.0.0.1", 0)), null,
                null, new RouteSettings(2));
        gateway = GatewayModule.createGateway(new LoadedConfig(Path.of("routes.json"), settings,
                List.of(TestSpecs.frontend("front")), TestSpecs.backend("back"), List.of()));
        gateway.start();
        gateway.services().routes().publish("split-dns", List.of(
                Route.include(IpPrefix.parse("198.18.7.0/32"), "split-dns:a.corp.example"),
                Route.include(IpPrefix.parse("198.18.7.1/32"), "split-dns:b.corp.example"),
                Route.include(IpPrefix.parse("198.18.9.9/32"), "split-dns:c.corp.example")));
        gateway.services().routes().publish("fortivpn", List.of(Route.include(IpPrefix.parse("10.0.0.0/8"), "fortivpn")));
        gateway.services().routes().publishDnsDomains("split-dns", List.of("Corp.Example."));

        Result result = run("routes", "--status", "http://" + gateway.statusAddress() + "/status");

        assertEquals(ExitCodes.OK, result.status(), result.err());
        assertEquals("""
                route set version 3: split tunnel, 2 routes
                10.0.0.0/8     include  fortivpn
                198.18.7.0/31  include  split-dns:a.corp.example, split-dns:b.corp.example
                1 more route left out over the gateway's routes.maxRoutes (see its log)
                DNS domains: corp.example
                """, result.out());
    }
}
