package dev.quetzal.plugin.ikev2;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.plugin.ikev2.doctor.Ikev2Doctor;
import dev.quetzal.plugin.ikev2.frontend.IkeEngineFactory;
import dev.quetzal.plugin.ikev2.frontend.Ikev2Frontend;
import dev.quetzal.plugin.ikev2.setup.StandardEngineFactory;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ikev2} frontend: reads the certificate, key and client CA files of the config (a bad file fails
 * {@link #create} with its field and path named) and makes an {@link Ikev2Frontend} that runs the
 * {@link dev.quetzal.plugin.ikev2.engine.StandardIkeEngine}. Tests may pass their own {@link IkeEngineFactory}.
 */
public final class Ikev2Factory implements FrontendFactory<Ikev2Config> {
    private final IkeEngineFactory engines;

    /** The factory the plugin offers: the standard engine, from the config's files. */
    public Ikev2Factory() {
        this.engines = null;
    }

    /** A factory whose frontends run the engine {@code engines} makes (the files are not read). */
    public Ikev2Factory(IkeEngineFactory engines) {
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    @Override
    public String type() {
        return "ikev2";
    }

    @Override
    public Class<Ikev2Config> configType() {
        return Ikev2Config.class;
    }

    @Override
    public String description() {
        return "IKEv2/ESP server with certificate authentication for the VPN clients built into macOS, iOS, Windows"
                + " and Android, and for strongSwan";
    }

    @Override
    public List<Finding> diagnose(Ikev2Config config, DiagnosticContext context) {
        return Ikev2Doctor.diagnose(config, context);
    }

    @Override
    public Frontend create(Ikev2Config config, FrontendContext context) {
        IkeEngineFactory chosen = engines != null ? engines
                : new StandardEngineFactory(StandardEngineFactory.saConfig(config, context.time()::now));
        return new Ikev2Frontend(config, context, chosen);
    }
}
