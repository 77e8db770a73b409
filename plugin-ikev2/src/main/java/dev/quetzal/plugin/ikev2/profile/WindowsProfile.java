package dev.quetzal.plugin.ikev2.profile;

import java.security.cert.CertificateEncodingException;
import java.util.List;

/**
 * Windows: a PowerShell script (run elevated, next to the client's {@code .p12} and the CA's {@code ca.cer}, which
 * are written beside it) that imports the PKCS#12 into LocalMachine\My and the CA into LocalMachine\Root, creates an
 * all-user IKEv2 connection with machine-certificate authentication, sets its IPsec parameters to the gateway's first
 * suite Windows supports (Set-VpnConnectionIPsecConfiguration; Windows has no ChaCha20-Poly1305 or Curve25519), and
 * adds the configured routes and NRPT rules, since Windows ignores the ones an IKEv2 server pushes.
 */
final class WindowsProfile {
    static final String CA_FILE = "ca.cer";

    private WindowsProfile() {}

    static List<ProfileFile> files(ProfileInput input) throws CertificateEncodingException, ProfileFailure {
        ClientBundle client = input.client();
        return List.of(
                ProfileFile.text(client.name() + ".ps1", script(input)),
                new ProfileFile(client.name() + ".p12", client.pkcs12(), true),
                new ProfileFile(CA_FILE, client.ca().getEncoded(), false));
    }

    static String script(ProfileInput input) throws ProfileFailure {
        GatewaySettings gateway = input.gateway();
        ClientBundle client = input.client();
        ProfileSuite suite = gateway.suites().stream().filter(s -> s.windows().isPresent()).findFirst()
                .orElseThrow(() -> new ProfileFailure(ProfileFailure.BAD_INPUT, gateway.configFile()
                        + ": the ikev2 frontend's suites are all ChaCha20-Poly1305/Curve25519, which Windows lacks;"
                        + " add aes256gcm16-prfsha256-ecp256 to suites"));
        ProfileSuite.WindowsNames names = suite.windows().orElseThrow();
        WindowsRoutes routes = input.windowsRoutes();
        String name = PowerShellText.quote(input.displayName());
        StringBuilder ps = new StringBuilder(2048);
        line(ps, PowerShellText.comment(input.displayName() + " for " + client.identity()
                + ", made by quetzal profile windows from " + gateway.configFile().getFileName()));
        line(ps, "# Run in an elevated PowerShell in this folder (it needs " + client.name() + ".p12 and " + CA_FILE + ").");
        line(ps, "$ErrorActionPreference = 'Stop'");
        line(ps, "$Name = " + name);
        line(ps, "Import-Certificate -FilePath (Join-Path $PSScriptRoot " + PowerShellText.quote(CA_FILE)
                + ") -CertStoreLocation Cert:\\LocalMachine\\Root | Out-Null");
        line(ps, "$Password = Read-Host -AsSecureString -Prompt " + PowerShellText.quote("Password of " + client.name() + ".p12"));
        line(ps, "Import-PfxCertificate -FilePath (Join-Path $PSScriptRoot " + PowerShellText.quote(client.name() + ".p12")
                + ") -CertStoreLocation Cert:\\LocalMachine\\My -Password $Password | Out-Null");
        line(ps, "if (Get-VpnConnection -Name $Name -AllUserConnection -ErrorAction SilentlyContinue) {");
        line(ps, "    Remove-VpnConnection -Name $Name -AllUserConnection -Force");
        line(ps, "}");
        line(ps, "# Windows checks the gateway's certificate against this name: it must be " + gateway.identity() + ".");
        line(ps, "Add-VpnConnection -Name $Name -ServerAddress " + PowerShellText.quote(input.server())
                + " -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -EncryptionLevel Required"
                + (routes.fullTunnel() ? "" : " -SplitTunneling") + " -AllUserConnection -Force");
        line(ps, PowerShellText.comment("IPsec parameters of the gateway's suite " + suite.ikeProposal()
                + ", with PFS in the same group"));
        line(ps, "Set-VpnConnectionIPsecConfiguration -ConnectionName $Name -AuthenticationTransformConstants "
                + names.authenticationTransform() + " -CipherTransformConstants " + names.cipherTransform()
                + " -EncryptionMethod " + names.encryptionMethod() + " -IntegrityCheckMethod " + names.integrityCheckMethod()
                + " -DHGroup " + names.dhGroup() + " -PfsGroup " + names.pfsGroup() + " -AllUserConnection -Force");
        routes(ps, routes, input.displayName());
        return ps.toString();
    }

    private static void routes(StringBuilder ps, WindowsRoutes routes, String connection) {
        if (routes.fullTunnel()) {
            line(ps, PowerShellText.comment("Full tunnel (routes from " + routes.origin()
                    + "): the gateway publishes no include routes, so everything goes through the VPN."));
            return;
        }
        line(ps, PowerShellText.comment("Routes from " + routes.origin() + " (Windows ignores the traffic selectors"
                + " the gateway sends)."));
        for (String prefix : routes.includes()) {
            line(ps, "Add-VpnConnectionRoute -ConnectionName $Name -DestinationPrefix " + PowerShellText.quote(prefix)
                    + " -AllUserConnection");
        }
        for (String prefix : routes.excludes()) {
            line(ps, PowerShellText.comment("exclude " + prefix + ": not set, Windows cannot route a prefix around the VPN"
                    + " inside the VPN's routes"));
        }
        if (!routes.dynamicSources().isEmpty()) {
            line(ps, PowerShellText.comment("More routes come at run time from " + String.join(" and ", routes.dynamicSources())
                    + ": on the gateway, quetzal routes windows --connection " + PowerShellText.quote(connection)
                    + " prints them; run its script after this one."));
        }
        if (routes.dnsDomains().isEmpty()) {
            return;
        }
        if (routes.dnsServers().isEmpty()) {
            line(ps, PowerShellText.comment("DNS domains " + String.join(", ", routes.dnsDomains())
                    + ": their NRPT rules need the tunnel's DNS servers, which only the running gateway knows;"
                    + " quetzal routes windows adds them."));
            return;
        }
        String comment = PowerShellText.quote("Quetzal:" + connection);
        String servers = String.join(", ", routes.dnsServers().stream().map(PowerShellText::quote).toList());
        line(ps, "# DNS: names under these domains go to the tunnel's DNS servers.");
        line(ps, "Get-DnsClientNrptRule | Where-Object { $_.Comment -eq " + comment + " } | Remove-DnsClientNrptRule -Force");
        for (String domain : routes.dnsDomains()) {
            line(ps, "Add-DnsClientNrptRule -Namespace " + PowerShellText.quote("." + domain) + " -NameServers " + servers
                    + " -Comment " + comment);
        }
    }

    private static void line(StringBuilder ps, String text) {
        ps.append(text).append('\n');
    }
}
