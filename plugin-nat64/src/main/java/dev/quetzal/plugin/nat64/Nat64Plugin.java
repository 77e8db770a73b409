package dev.quetzal.plugin.nat64;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.plugin.nat64.cli.Nat64Command;
import java.util.List;

/** Offers the {@code nat64} filter: stateless NAT64 (RFC 7915) and DNS64 (RFC 6147). */
public final class Nat64Plugin implements GatewayPlugin {
    @Override
    public List<PacketFilterFactory<?>> packetFilterFactories() {
        return List.of(new Nat64Factory());
    }

    @Override
    public List<PluginCommand> commands() {
        return List.of(new Nat64Command());
    }
}
