package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PowerShell script of {@code quetzal profile windows} (issue 9, "Device profiles"): the cmdlets and parameter
 * values of Microsoft's VpnClient, PKI and DnsClient modules (Import-PfxCertificate, Add-VpnConnection,
 * Set-VpnConnectionIPsecConfiguration, Add-VpnConnectionRoute).
 */
final class WindowsProfileTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("issue 9: the Windows script imports the PKCS#12 and the CA into the machine stores, adds a split IKEv2"
            + " connection with machine certificates, sets the first suite's IPsec parameters and the static routes")
    void windowsScript() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir, "",
                "{\"type\": \"split-dns\", \"staticRoutes\": [\"10.1.0.0/16\"], \"excludeRoutes\": [\"10.1.2.0/24\"]},"
                        + " {\"type\": \"nat64\"}", null);
        ProfileFixture.Run run = fixture.profile("windows");
        assertEquals(0, run.status(), run.err());
        String script = fixture.outText(ProfileFixture.CLIENT + ".ps1");
        List<String> lines = script.lines().toList();
        assertTrue(Files.exists(fixture.out(ProfileFixture.CLIENT + ".p12")));
        assertTrue(Files.exists(fixture.out("ca.cer")));
        assertTrue(lines.contains("$ErrorActionPreference = 'Stop'"), script);
        assertTrue(lines.contains("$Name = 'Quetzal vpn.test'"), script);
        assertTrue(lines.contains("Import-Certificate -FilePath (Join-Path $PSScriptRoot 'ca.cer') -CertStoreLocation"
                + " Cert:\\LocalMachine\\Root | Out-Null"), script);
        assertTrue(lines.contains("Import-PfxCertificate -FilePath (Join-Path $PSScriptRoot 'alice@vpn.test.p12')"
                + " -CertStoreLocation Cert:\\LocalMachine\\My -Password $Password | Out-Null"), script);
        assertTrue(lines.contains("Add-VpnConnection -Name $Name -ServerAddress 'vpn.test' -TunnelType Ikev2"
                + " -AuthenticationMethod MachineCertificate -EncryptionLevel Required -SplitTunneling -AllUserConnection"
                + " -Force"), script);
        assertTrue(lines.contains("Set-VpnConnectionIPsecConfiguration -ConnectionName $Name"
                + " -AuthenticationTransformConstants GCMAES256 -CipherTransformConstants GCMAES256 -EncryptionMethod"
                + " GCMAES256 -IntegrityCheckMethod SHA256 -DHGroup ECP256 -PfsGroup ECP256 -AllUserConnection -Force"), script);
        assertTrue(lines.contains("Add-VpnConnectionRoute -ConnectionName $Name -DestinationPrefix '10.1.0.0/16'"
                + " -AllUserConnection"), script);
        assertTrue(lines.contains("Add-VpnConnectionRoute -ConnectionName $Name -DestinationPrefix '64:ff9b:1::/96'"
                + " -AllUserConnection"), script);
        assertTrue(script.contains("# exclude 10.1.2.0/24: not set"), script);
        assertFalse(script.contains("P12") || script.contains(ProfileFixture.P12_PASSWORD), "no password in the script");
    }

    @Test
    @DisplayName("issue 9: a full tunnel gets no -SplitTunneling and no routes; routes from split-dns answers point to"
            + " quetzal routes windows; the CBC suite maps to AES256/SHA256128/Group14/PFS2048")
    void windowsFullTunnelAndDynamic() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir,
                ", \"suites\": [\"chacha20poly1305-prfsha256-x25519\", \"aes256-sha256-modp2048\"]", "", null);
        assertEquals(0, fixture.profile("windows").status());
        String full = fixture.outText(ProfileFixture.CLIENT + ".ps1");
        assertFalse(full.contains("-SplitTunneling") || full.contains("Add-VpnConnectionRoute"), full);
        assertTrue(full.contains("-AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES256"
                + " -EncryptionMethod AES256 -IntegrityCheckMethod SHA256 -DHGroup Group14 -PfsGroup PFS2048"), full);

        fixture.writeConfig("", "{\"type\": \"split-dns\", \"tunnelDomains\": [\"corp.example\"]}", null);
        assertEquals(0, fixture.profile("windows", "--out", "dynamic").status());
        String dynamic = Files.readString(dir.resolve("dynamic").resolve(ProfileFixture.CLIENT + ".ps1"));
        assertTrue(dynamic.contains("-SplitTunneling"), dynamic);
        assertTrue(dynamic.contains("quetzal routes windows --connection 'Quetzal vpn.test'"), dynamic);
        assertTrue(dynamic.contains("DNS domains corp.example"), dynamic);
    }

    @Test
    @DisplayName("issue 9: with the gateway running, the Windows script takes its route set from /status (include"
            + " routes, NRPT rules with the uplink's DNS servers) and says so; when /status does not answer, the config's")
    void windowsLiveRoutes() throws Exception {
        HttpServer status = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = """
                {"routes": {"version": 7, "routes": [
                   {"prefix": "10.0.0.0/8", "kind": "include", "source": "fortivpn"},
                   {"prefix": "10.9.0.0/16", "kind": "exclude", "source": "fortivpn"}],
                   "dnsDomains": ["corp.example"]},
                 "uplink": {"state": "connected", "dnsServers": ["10.0.0.53"]}}
                """.getBytes(StandardCharsets.UTF_8);
        status.createContext("/status", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        status.start();
        int port = status.getAddress().getPort();
        ProfileFixture fixture = ProfileFixture.create(dir);
        fixture.writeConfig("", "", "{\"type\": \"fortivpn\", \"server\": \"forti.example:443\"}",
                "{\"listen\": \"127.0.0.1:" + port + "\"}");
        ProfileFixture.Run live;
        try {
            live = fixture.profile("windows");
        } finally {
            status.stop(0);
        }
        assertEquals(0, live.status(), live.err());
        String origin = "the running gateway's http://127.0.0.1:" + port + "/status (route set version 7)";
        assertTrue(live.out().contains("routes and DNS domains from " + origin), live.out());
        String script = fixture.outText(ProfileFixture.CLIENT + ".ps1");
        List<String> lines = script.lines().toList();
        assertTrue(lines.contains("# Routes from " + origin + " (Windows ignores the traffic selectors the gateway sends)."), script);
        assertTrue(lines.contains("Add-VpnConnectionRoute -ConnectionName $Name -DestinationPrefix '10.0.0.0/8'"
                + " -AllUserConnection"), script);
        assertTrue(lines.contains("Add-DnsClientNrptRule -Namespace '.corp.example' -NameServers '10.0.0.53' -Comment"
                + " 'Quetzal:Quetzal vpn.test'"), script);
        assertFalse(script.contains("More routes come at run time"), script);

        ProfileFixture.Run offline = fixture.profile("windows", "--out", "offline");
        assertEquals(0, offline.status(), offline.err());
        assertTrue(offline.out().contains("routes and DNS domains from the config gateway.json"), offline.out());
        String fallback = Files.readString(dir.resolve("offline").resolve(ProfileFixture.CLIENT + ".ps1"));
        assertTrue(fallback.contains("More routes come at run time from the fortivpn backend's split routes"), fallback);
        assertFalse(fallback.contains("Add-VpnConnectionRoute"), fallback);
    }

    @Test
    @DisplayName("issue 9: a gateway with only ChaCha20-Poly1305/Curve25519 gets no Windows script and a message saying"
            + " which suite to add")
    void windowsWithoutSupportedSuite() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir, ", \"suites\": [\"chacha20poly1305-prfsha256-x25519\"]", "", null);
        ProfileFixture.Run run = fixture.profile("windows");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("add aes256gcm16-prfsha256-ecp256 to suites"), run.err());
        assertFalse(Files.exists(fixture.out(ProfileFixture.CLIENT + ".ps1")));
    }
}
