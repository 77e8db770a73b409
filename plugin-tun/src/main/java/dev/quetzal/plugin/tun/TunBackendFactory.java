package dev.quetzal.plugin.tun;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;

public final class TunBackendFactory implements BackendFactory<TunConfig> {
    @Override
    public String type() {
        return "tun";
    }

    @Override
    public Class<TunConfig> configType() {
        return TunConfig.class;
    }

    @Override
    public String description() {
        return "the network is the host's: packets go through a Linux TUN device (needs CAP_NET_ADMIN)";
    }

    @Override
    public Backend create(TunConfig config, BackendContext context) {
        return new TunBackend(config, context, new LinkSetup.Real());
    }
}
