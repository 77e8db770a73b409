package dev.quetzal.runtime.plugin;

import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.frontend.FrontendFactory;
import java.util.List;

/** The three kinds of component a plugin can offer, with where they sit in the JSON config. */
public enum ComponentKind {
    FRONTEND("frontend", "frontends", FrontendFactory.class, "frontendFactories()"),
    BACKEND("backend", "backend", BackendFactory.class, "backendFactories()"),
    FILTER("filter", "filters", PacketFilterFactory.class, "packetFilterFactories()");

    private final String label;
    private final String configField;
    private final Class<?> factoryInterface;
    private final String pluginMethod;

    ComponentKind(String label, String configField, Class<?> factoryInterface, String pluginMethod) {
        this.label = label;
        this.configField = configField;
        this.factoryInterface = factoryInterface;
        this.pluginMethod = pluginMethod;
    }

    /** "frontend", "backend" or "filter", for messages. */
    public String label() {
        return label;
    }

    /** The top-level JSON field that holds components of this kind. */
    public String configField() {
        return configField;
    }

    /** The SPI interface a factory of this kind implements. */
    public Class<?> factoryInterface() {
        return factoryInterface;
    }

    /** The {@link GatewayPlugin} method that lists factories of this kind, for messages. */
    public String pluginMethod() {
        return pluginMethod;
    }

    /** The factories of this kind that {@code plugin} offers. */
    public List<? extends ComponentFactory<?, ?, ?>> factoriesOf(GatewayPlugin plugin) {
        return switch (this) {
            case FRONTEND -> plugin.frontendFactories();
            case BACKEND -> plugin.backendFactories();
            case FILTER -> plugin.packetFilterFactories();
        };
    }

    /** Which kind a factory is. */
    public static ComponentKind of(ComponentFactory<?, ?, ?> factory) {
        return switch (factory) {
            case FrontendFactory<?> f -> FRONTEND;
            case BackendFactory<?> b -> BACKEND;
            case PacketFilterFactory<?> p -> FILTER;
            default -> throw new IllegalArgumentException("not a frontend, backend or filter factory: " + factory);
        };
    }
}
