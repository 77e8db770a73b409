package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.backend.BackendFactory;
import java.util.List;

/** Offers the {@code fortivpn} backend: FortiGate SSL-VPN client (PPP over TLS). */
public final class FortiVpnPlugin implements GatewayPlugin {
    @Override
    public List<BackendFactory<?>> backendFactories() {
        return List.of(new FortiVpnFactory());
    }
}
