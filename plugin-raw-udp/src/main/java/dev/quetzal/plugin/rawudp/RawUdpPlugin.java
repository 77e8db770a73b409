package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.frontend.FrontendFactory;
import java.util.List;

/**
 * Raw IP packets in UDP datagrams, one packet per datagram, both as a frontend and as a backend.
 * No encryption and no authentication: a harness for testing filters and plugins, and for the
 * quick start, never for real clients.
 */
public final class RawUdpPlugin implements GatewayPlugin {
    @Override
    public List<FrontendFactory<?>> frontendFactories() {
        return List.of(new RawUdpFrontendFactory());
    }

    @Override
    public List<BackendFactory<?>> backendFactories() {
        return List.of(new RawUdpBackendFactory());
    }
}
