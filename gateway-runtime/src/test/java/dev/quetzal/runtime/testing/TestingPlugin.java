package dev.quetzal.runtime.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.List;

/**
 * Types {@code test-frontend}, {@code test-backend} and {@code test-filter}: do-nothing components
 * with a spread of config field types; and the command {@code test-echo} ({@link TestingCommand}). Listed in this module's test META-INF/services, so every
 * module that uses the runtime's test jar finds them on its class path, as an IDE run finds plugins.
 */
public final class TestingPlugin implements GatewayPlugin {
    public record FrontendConfig(
            @JsonProperty(required = true) @JsonPropertyDescription("where clients connect") HostPort listen,
            IpPrefix pool,
            Integer count) {}

    public record BackendConfig(@JsonProperty(required = true) HostPort server, Secret password) {}

    public record FilterConfig(IpPrefix prefix) {}

    @Override
    public List<FrontendFactory<?>> frontendFactories() {
        return List.of(new FrontendFactory<FrontendConfig>() {
            @Override
            public String type() {
                return "test-frontend";
            }

            @Override
            public Class<FrontendConfig> configType() {
                return FrontendConfig.class;
            }

            @Override
            public Frontend create(FrontendConfig config, FrontendContext context) {
                return new Frontend() {
                    @Override
                    public List<? extends ClientSession> sessions() {
                        return List.of();
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    @Override
    public List<BackendFactory<?>> backendFactories() {
        return List.of(new BackendFactory<BackendConfig>() {
            @Override
            public String type() {
                return "test-backend";
            }

            @Override
            public Class<BackendConfig> configType() {
                return BackendConfig.class;
            }

            @Override
            public Backend create(BackendConfig config, BackendContext context) {
                return new Backend() {
                    @Override
                    public void send(PacketBuffer packet) {
                        packet.release();
                    }

                    @Override
                    public BackendState state() {
                        return new BackendState.Disconnected("test");
                    }

                    @Override
                    public void close() {}
                };
            }
        });
    }

    @Override
    public List<PacketFilterFactory<?>> packetFilterFactories() {
        return List.of(new PacketFilterFactory<FilterConfig>() {
            @Override
            public String type() {
                return "test-filter";
            }

            @Override
            public Class<FilterConfig> configType() {
                return FilterConfig.class;
            }

            @Override
            public PacketFilter create(FilterConfig config, FilterContext context) {
                return new PacketFilter() {};
            }
        });
    }

    @Override
    public List<PluginCommand> commands() {
        return List.of(new TestingCommand());
    }
}
