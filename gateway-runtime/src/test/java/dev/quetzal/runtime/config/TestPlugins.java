package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;
import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.config.EmptyConfig;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.frontend.Frontend;
import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.api.frontend.FrontendFactory;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.plugin.LoadedPlugin;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Stand-ins for plugins, with config records that use every kind of field a real plugin's might:
 * frontends {@code ikev2} and {@code raw-udp}, backends {@code fortivpn} and {@code raw-udp}, filters
 * {@code pcap} and {@code nat64}. Their components do nothing.
 */
final class TestPlugins {
    private TestPlugins() {}

    enum Mode {
        @JsonProperty("main")
        MAIN,
        @JsonProperty("aggressive")
        AGGRESSIVE
    }

    enum Direction {
        @JsonProperty("in")
        IN,
        @JsonProperty("out")
        OUT,
        @JsonProperty("both")
        BOTH
    }

    /** A nested record with a primitive field, which therefore must be given. */
    record Limits(int maxClients, Duration idleTimeout) {
        Limits {
            ConfigValueException.checkRange(maxClients, 1, 10_000, "maxClients");
            idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        }
    }

    record Ikev2Config(
            @JsonProperty(required = true) HostPort listen,
            IpPrefix clientPrefix,
            Integer mtu,
            Boolean natTraversal,
            Duration rekeyInterval,
            Secret psk,
            Path certificate,
            List<String> domains,
            Mode mode,
            Limits limits) {
        Ikev2Config {
            mtu = mtu == null ? 1400 : mtu;
            natTraversal = natTraversal == null || natTraversal;
            rekeyInterval = rekeyInterval == null ? Duration.ofHours(1) : rekeyInterval;
            domains = domains == null ? List.of() : List.copyOf(domains);
            mode = mode == null ? Mode.MAIN : mode;
            limits = limits == null ? new Limits(100, null) : limits;
        }
    }

    record FortiVpnConfig(
            @JsonProperty(required = true) HostPort server,
            String username,
            Secret password,
            Integer mtu,
            IpAddress dns,
            Duration reconnectDelay) {
        FortiVpnConfig {
            mtu = mtu == null ? 1500 : mtu;
            ConfigValueException.checkRange(mtu, 576, 65535, "mtu");
            reconnectDelay = reconnectDelay == null ? Duration.ofSeconds(5) : reconnectDelay;
        }
    }

    record PcapConfig(
            @JsonProperty(required = true) Path output, Integer snapLength, Direction direction, List<IpPrefix> only) {
        PcapConfig {
            snapLength = snapLength == null ? 65535 : snapLength;
            ConfigValueException.checkRange(snapLength, 64, 262_144, "snapLength");
            direction = direction == null ? Direction.BOTH : direction;
            only = only == null ? List.of() : List.copyOf(only);
        }
    }

    record Nat64Config(IpPrefix prefix) {
        Nat64Config {
            prefix = prefix == null ? IpPrefix.parse("64:ff9b::/96") : prefix;
        }
    }

    record TestFrontendFactory<C extends Record>(String type, Class<C> configType) implements FrontendFactory<C> {
        @Override
        public Frontend create(C config, FrontendContext context) {
            return new IdleFrontend();
        }
    }

    record TestBackendFactory<C extends Record>(String type, Class<C> configType) implements BackendFactory<C> {
        @Override
        public Backend create(C config, BackendContext context) {
            return new IdleBackend();
        }
    }

    record TestFilterFactory<C extends Record>(String type, Class<C> configType) implements PacketFilterFactory<C> {
        @Override
        public PacketFilter create(C config, FilterContext context) {
            return new PacketFilter() {};
        }
    }

    static final class IdleFrontend implements Frontend {
        @Override
        public List<? extends ClientSession> sessions() {
            return List.of();
        }

        @Override
        public void close() {}
    }

    static final class IdleBackend implements Backend {
        @Override
        public void send(PacketBuffer packet) {
            packet.release();
        }

        @Override
        public BackendState state() {
            return new BackendState.Disconnected("idle test backend");
        }

        @Override
        public void close() {}
    }

    static List<ComponentFactory<?, ?, ?>> factories() {
        return List.of(
                new TestFrontendFactory<>("ikev2", Ikev2Config.class),
                new TestFrontendFactory<>("raw-udp", EmptyConfig.class),
                new TestBackendFactory<>("fortivpn", FortiVpnConfig.class),
                new TestBackendFactory<>("raw-udp", EmptyConfig.class),
                new TestFilterFactory<>("pcap", PcapConfig.class),
                new TestFilterFactory<>("nat64", Nat64Config.class));
    }

    /** A registry as plugin discovery would build it, with every factory from one plugin. */
    static PluginRegistry registry() {
        return registry(factories(), TestPlugins.class.getClassLoader());
    }

    static PluginRegistry registry(List<ComponentFactory<?, ?, ?>> factories, ClassLoader loader) {
        List<PluginRegistry.Entry> entries = factories.stream()
                .map(factory -> new PluginRegistry.Entry(factory, "test", "test-plugin.jar", loader))
                .toList();
        return new PluginRegistry(List.of(new LoadedPlugin("test", "test-plugin.jar", null, loader, entries)));
    }
}
