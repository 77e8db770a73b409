package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import java.util.List;

public final class RawUdpBackendFactory implements BackendFactory<RawUdpBackendConfig> {
    @Override
    public String type() {
        return "raw-udp";
    }

    @Override
    public Class<RawUdpBackendConfig> configType() {
        return RawUdpBackendConfig.class;
    }

    @Override
    public String description() {
        return "the network is a UDP peer that exchanges raw IP packets (testing harness, no security)";
    }

    @Override
    public List<Finding> diagnose(RawUdpBackendConfig config, DiagnosticContext context) {
        return PortDiagnosis.udp(config.bind(), "bind", context);
    }

    @Override
    public Backend create(RawUdpBackendConfig config, BackendContext context) {
        return new RawUdpBackend(config, context);
    }
}
