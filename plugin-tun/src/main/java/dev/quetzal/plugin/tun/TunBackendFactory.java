package dev.quetzal.plugin.tun;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import java.util.List;

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
    public List<Finding> diagnose(TunConfig config, DiagnosticContext context) {
        return TunDeviceCheck.check(TunDeviceCheck.CLONE_DEVICE, TunDeviceCheck.processHasNetAdmin());
    }

    @Override
    public Backend create(TunConfig config, BackendContext context) {
        return new TunBackend(config, context, new LinkSetup.Real());
    }
}
