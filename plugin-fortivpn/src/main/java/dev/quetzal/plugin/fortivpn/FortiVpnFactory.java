package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.plugin.fortivpn.doctor.FortiGateCheck;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The {@code fortivpn} backend. {@link #create} reads the TLS material (CA file, client certificate)
 * so a bad file stops the gateway at start with the file named; the connection starts in {@code start}.
 */
public final class FortiVpnFactory implements BackendFactory<FortiVpnConfig> {
    @Override
    public String type() {
        return "fortivpn";
    }

    @Override
    public Class<FortiVpnConfig> configType() {
        return FortiVpnConfig.class;
    }

    @Override
    public String description() {
        return "FortiGate SSL-VPN client (PPP over TLS): password, 2FA, SAML, cookie or certificate login";
    }

    @Override
    public List<Finding> diagnose(FortiVpnConfig config, DiagnosticContext context) {
        return FortiGateCheck.diagnose(config, context);
    }

    @Override
    public Backend create(FortiVpnConfig config, BackendContext context) throws IOException, GeneralSecurityException {
        TlsClient tls = TlsClient.create(config.server(), config.tls(), config.clientCertificate());
        return new FortiVpnBackend(config, context, tls, () -> System.in);
    }
}
