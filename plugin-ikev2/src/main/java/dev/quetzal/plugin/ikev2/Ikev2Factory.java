package dev.quetzal.plugin.ikev2;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;

/**
 * The {@code ikev2} frontend. This release ships its type and config so configs can be written and
 * checked; the protocol work is not in this release yet, so {@link #create} refuses with a clear
 * message instead of starting something that would not work.
 */
public final class Ikev2Factory implements FrontendFactory<Ikev2Config> {
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
        throw new ComponentNotAvailableException("frontend \"ikev2\" is not in this release yet; "
                + "its config can be checked with quetzal check-config, but it cannot run");
    }
}
