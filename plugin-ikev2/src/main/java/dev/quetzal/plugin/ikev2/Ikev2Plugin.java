package dev.quetzal.plugin.ikev2;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.plugin.ikev2.certs.CertsCommand;
import dev.quetzal.plugin.ikev2.profile.ProfileCommand;
import java.util.List;

/**
 * Offers the {@code ikev2} frontend: IKEv2/ESP server for the VPN clients built into macOS, iOS, Windows
 * and Android; and the {@code quetzal certs} command that makes its certificates.
 */
public final class Ikev2Plugin implements GatewayPlugin {
    @Override
    public List<FrontendFactory<?>> frontendFactories() {
        return List.of(new Ikev2Factory());
    }

    @Override
    public List<PluginCommand> commands() {
        return List.of(new CertsCommand(), new ProfileCommand());
    }
}
