package dev.quetzal.api;

import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.frontend.FrontendFactory;
import java.util.List;

/**
 * The ServiceLoader entry point of a plugin: list the implementation in
 * {@code META-INF/services/dev.quetzal.api.GatewayPlugin}.
 *
 * <p>Implementations need a public no-argument constructor and must do no work in it: the runtime
 * instantiates every discovered plugin, also for {@code quetzal plugins} and {@code check-config}.
 * Each method is called once, from the control thread; a factory's {@link
 * ComponentFactory#type() type} must be unique across all loaded plugins of its kind. New kinds of
 * extension arrive as default methods, so existing plugins keep working.
 */
public interface GatewayPlugin {
    /** Client-facing VPN servers this plugin offers. */
    default List<FrontendFactory<?>> frontendFactories() {
        return List.of();
    }

    /** Uplinks this plugin offers. */
    default List<BackendFactory<?>> backendFactories() {
        return List.of();
    }

    /** Packet filters this plugin offers. */
    default List<PacketFilterFactory<?>> packetFilterFactories() {
        return List.of();
    }

    /**
     * Commands this plugin adds to the {@code quetzal} command line, such as {@code quetzal certs}.
     *
     * @since API 1.1
     */
    default List<PluginCommand> commands() {
        return List.of();
    }
}
