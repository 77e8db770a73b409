package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import java.util.List;

public final class RawUdpFrontendFactory implements FrontendFactory<RawUdpFrontendConfig> {
    @Override
    public String type() {
        return "raw-udp";
    }

    @Override
    public Class<RawUdpFrontendConfig> configType() {
        return RawUdpFrontendConfig.class;
    }

    @Override
    public String description() {
        return "clients send raw IP packets in UDP datagrams (testing harness, no security)";
    }

    @Override
    public List<Finding> diagnose(RawUdpFrontendConfig config, DiagnosticContext context) {
        return PortDiagnosis.udp(config.listen(), "listen", context);
    }

    @Override
    public Frontend create(RawUdpFrontendConfig config, FrontendContext context) {
        return new RawUdpFrontend(config, context);
    }
}
