package dev.quetzal.plugin.tun;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.backend.BackendFactory;
import java.util.List;

/**
 * Backend {@code tun}: Quetzal as a plain VPN server into the host's network, through a Linux TUN
 * device opened with the Foreign Function and Memory API (module linux-tun, bundled).
 */
public final class TunPlugin implements GatewayPlugin {
    @Override
    public List<BackendFactory<?>> backendFactories() {
        return List.of(new TunBackendFactory());
    }
}
