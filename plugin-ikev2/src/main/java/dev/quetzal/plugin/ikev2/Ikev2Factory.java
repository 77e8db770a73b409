package dev.quetzal.plugin.ikev2;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.plugin.ikev2.frontend.IkeEngineFactory;
import dev.quetzal.plugin.ikev2.frontend.Ikev2Frontend;
import java.util.Objects;

/**
 * The {@code ikev2} frontend. This release ships its type and config so configs can be written and
 * checked; the protocol work is not in this release yet, so {@link #create} refuses with a clear
 * message instead of starting something that would not work. With an {@link IkeEngineFactory} (tests, and the
 * release that has the IKE state machines) it makes the real {@link Ikev2Frontend}.
 */
public final class Ikev2Factory implements FrontendFactory<Ikev2Config> {
    private final IkeEngineFactory engines;

    /** The factory the plugin offers today: it refuses to create the frontend. */
    public Ikev2Factory() {
        this.engines = null;
    }

    /** A factory whose frontends run the engine {@code engines} makes. */
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
        return "IKEv2/ESP server for the VPN clients built into macOS, iOS, Windows and Android (not in this release yet: check-config only)";
    }

    @Override
    public Frontend create(Ikev2Config config, FrontendContext context) {
        if (engines != null) {
            return new Ikev2Frontend(config, context, engines);
        }
        throw new ComponentNotAvailableException("frontend \"ikev2\" is not in this release yet; "
                + "its config can be checked with quetzal check-config, but it cannot run");
    }
}
