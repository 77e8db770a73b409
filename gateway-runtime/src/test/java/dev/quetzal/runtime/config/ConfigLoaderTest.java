package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.config.EmptyConfig;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.runtime.config.TestPlugins.Direction;
import dev.quetzal.runtime.config.TestPlugins.FortiVpnConfig;
import dev.quetzal.runtime.config.TestPlugins.Ikev2Config;
import dev.quetzal.runtime.config.TestPlugins.Limits;
import dev.quetzal.runtime.config.TestPlugins.Mode;
import dev.quetzal.runtime.config.TestPlugins.Nat64Config;
import dev.quetzal.runtime.config.TestPlugins.PcapConfig;
import dev.quetzal.runtime.config.TestPlugins.TestFrontendFactory;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading valid config files: defaults, every field mapped, names, paths relative to the config
 * file, secrets from each source, start order, and the plugin's class loader while binding. Prefixes
 * are RFC 4632 CIDR notation; the default IPv4 pool is RFC 6598 shared address space.
 */
final class ConfigLoaderTest {
    private static final Path GOOD = folder();

    private final PluginRegistry registry = TestPlugins.registry();
    private final ConfigLoader loader = new ConfigLoader(registry, Map.of("IKE_PSK", "env-value"));

    @Test
    void minimalConfigGetsDefaults() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("minimal.json"));

        GatewaySettings settings = config.settings();
        assertEquals(IpPrefix.parse("100.64.0.0/24"), settings.addressPool().ipv4());
        assertNull(settings.addressPool().ipv6());
        assertEquals(true, settings.status().enabled());
        assertEquals(HostPort.parse("127.0.0.1:8964"), settings.status().listen());
        assertEquals(new BufferSettings(4096, 128, 2048), settings.buffers());
        assertEquals(Duration.ofSeconds(4), settings.shutdownTimeout());
        assertEquals(new RouteSettings(256), settings.routes());
        assertEquals(GatewaySettings.defaults(), settings);

        assertEquals(List.of(), config.filters());
        assertEquals(1, config.frontends().size());
        ComponentSpec frontend = config.frontends().getFirst();
        assertEquals(new Ikev2Config(HostPort.parse("0.0.0.0:4500"), null, null, null, null, null, null, null, null, null),
                frontend.config());
        assertEquals(1400, ((Ikev2Config) frontend.config()).mtu());
        assertInstanceOf(EmptyConfig.class, config.backend().config());
    }

    @Test
    void fullConfigMapsEveryField() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("full.json"));

        Ikev2Config ikev2 = (Ikev2Config) config.frontends().get(0).config();
        assertEquals(HostPort.parse("[::]:4500"), ikev2.listen());
        assertEquals(IpPrefix.parse("10.8.0.0/16"), ikev2.clientPrefix());
        assertEquals(1380, ikev2.mtu());
        assertEquals(false, ikev2.natTraversal());
        assertEquals(Duration.ofHours(8), ikev2.rekeyInterval());
        assertEquals("inline-pre-shared-key", ikev2.psk().reveal());
        assertEquals(GOOD.resolve("certs/server.pem"), ikev2.certificate());
        assertEquals(List.of("corp.example.com", "intranet.example.com"), ikev2.domains());
        assertEquals(Mode.AGGRESSIVE, ikev2.mode());
        assertEquals(new Limits(250, Duration.ofSeconds(90)), ikev2.limits());
        assertInstanceOf(EmptyConfig.class, config.frontends().get(1).config());

        FortiVpnConfig forti = (FortiVpnConfig) config.backend().config();
        assertEquals(HostPort.parse("vpn.example.com:10443"), forti.server());
        assertEquals("alice", forti.username());
        assertEquals("file-password-value", forti.password().reveal());
        assertEquals(1400, forti.mtu());
        assertEquals(IpAddress.parse("fd00::53"), forti.dns());
        assertEquals(Duration.ofMillis(500), forti.reconnectDelay());

        assertEquals(new Nat64Config(IpPrefix.parse("64:ff9b:1::/96")), config.filters().get(0).config());
        assertEquals(new PcapConfig(Path.of("/var/tmp/capture.pcap"), 128, Direction.OUT,
                List.of(IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("2001:db8::/32"))), config.filters().get(1).config());

        GatewaySettings settings = config.settings();
        assertEquals(new AddressPoolSettings(IpPrefix.parse("100.96.0.0/20"), IpPrefix.parse("fd00:0:0:42::/64")),
                settings.addressPool());
        assertEquals(new StatusSettings(false, HostPort.parse("127.0.0.1:9000")), settings.status());
        assertEquals(new BufferSettings(1024, 256, 9000), settings.buffers());
        assertEquals(Duration.ofMinutes(2), settings.shutdownTimeout());
        assertEquals(new RouteSettings(1024), settings.routes());
    }

    @Test
    void nameDefaultsToTypeUnlessGiven() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("full.json"));

        assertEquals(List.of("ikev2-public", "test-harness"), config.frontends().stream().map(ComponentSpec::name).toList());
        assertEquals("fortivpn", config.backend().name());
        assertEquals(List.of("nat64", "capture"), config.filters().stream().map(ComponentSpec::name).toList());
    }

    @Test
    void sameTypeInAnotherKindGetsTheKindInItsDefaultName(@TempDir Path dir) throws IOException, ConfigException {
        PluginRegistry pair = TestPlugins.registry(List.of(new TestFrontendFactory<>("raw-udp", EmptyConfig.class),
                new TestPlugins.TestBackendFactory<>("raw-udp", EmptyConfig.class)), ConfigLoaderTest.class.getClassLoader());
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                { "frontends": [ { "type": "raw-udp" } ], "backend": { "type": "raw-udp" } }
                """);

        LoadedConfig config = new ConfigLoader(pair, Map.of()).load(file);

        assertEquals("raw-udp", config.frontends().getFirst().name());
        assertEquals("raw-udp-backend", config.backend().name());
    }

    @Test
    void specsCarryKindTypePathAndPluginEntry() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("full.json"));

        ComponentSpec pcap = config.filters().get(1);
        assertEquals(ComponentKind.FILTER, pcap.kind());
        assertEquals("pcap", pcap.type());
        assertEquals("$.filters[1]", pcap.jsonPath());
        assertSame(registry.find(ComponentKind.FILTER, "pcap").orElseThrow(), pcap.plugin());
        assertEquals("$.backend", config.backend().jsonPath());
        assertEquals("$.frontends[0]", config.frontends().get(0).jsonPath());
        assertEquals(GOOD.resolve("full.json"), config.file());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolder(@TempDir Path dir) throws IOException, ConfigException {
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        Path file = Files.writeString(confDir.resolve("gateway.json"), """
                {
                  "frontends": [ { "type": "ikev2", "listen": "127.0.0.1:4500", "certificate": "../pki/./server.pem" } ],
                  "backend": { "type": "raw-udp" },
                  "filters": [ { "type": "pcap", "output": "/srv/capture.pcap" } ]
                }
                """);

        LoadedConfig config = loader.load(file);

        assertEquals(dir.resolve("pki/server.pem"), ((Ikev2Config) config.frontends().getFirst().config()).certificate());
        assertEquals(Path.of("/srv/capture.pcap"), ((PcapConfig) config.filters().getFirst().config()).output());
    }

    @Test
    void secretsComeFromEnvironmentFilesAndInlineStrings() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("secrets.json"));

        Secret fromEnv = ((Ikev2Config) config.frontends().get(0).config()).psk();
        assertEquals("env-value", fromEnv.reveal());
        assertEquals("env IKE_PSK", fromEnv.origin());

        Secret inline = ((Ikev2Config) config.frontends().get(1).config()).psk();
        assertEquals("inline-value", inline.reveal());
        assertEquals("inline", inline.origin());

        Secret fromFile = ((FortiVpnConfig) config.backend().config()).password();
        assertEquals("file-password-value", fromFile.reveal());
        assertEquals("file " + GOOD.resolve("secrets/forti-password.txt"), fromFile.origin());
    }

    @Test
    void secretFileLosesExactlyOneTrailingNewline() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("secrets.json"));

        assertEquals("two-newlines\n", ((Ikev2Config) config.frontends().get(2).config()).psk().reveal());
    }

    @Test
    void componentsStartWithBackendThenFiltersThenFrontends() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("order.json"));

        assertEquals(List.of("uplink", "filter-a", "filter-b", "front-a", "front-b"),
                config.components().stream().map(ComponentSpec::name).toList());
    }

    @Test
    void nullSettingsSectionsMeanDefaults() throws ConfigException {
        LoadedConfig config = loader.load(GOOD.resolve("order.json"));

        assertEquals(AddressPoolSettings.defaults(), config.settings().addressPool());
        assertEquals(StatusSettings.defaults(), config.settings().status());
    }

    @Test
    void emptyRegistryListsNoKnownTypes(@TempDir Path dir) throws IOException {
        ConfigLoader bare = new ConfigLoader(new PluginRegistry(List.of()), Map.of());
        Path file = Files.writeString(dir.resolve("gateway.json"), """
                { "frontends": [ { "type": "ikev2" } ], "backend": { "type": "raw-udp" } }
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> bare.load(file));

        assertEquals("$.frontends[0].type", e.jsonPath());
        assertEquals("unknown frontend type \"ikev2\"; known: none", e.problem());
    }

    /** Fails to build unless bound with the plugin's loader as the thread's context class loader. */
    record ProbeConfig(String value) {
        ProbeConfig {
            if (!(Thread.currentThread().getContextClassLoader() instanceof PluginLoader)) {
                throw new ConfigValueException("value", "expected to be bound with the plugin's class loader");
            }
        }
    }

    static final class PluginLoader extends URLClassLoader {
        PluginLoader() {
            super(new URL[0], ConfigLoaderTest.class.getClassLoader());
        }
    }

    @Test
    void bindsWithThePluginsClassLoaderAsContextLoader(@TempDir Path dir) throws IOException, ConfigException {
        Path file = probeConfig(dir);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (PluginLoader pluginLoader = new PluginLoader()) {
            LoadedConfig config = new ConfigLoader(probeRegistry(pluginLoader), Map.of()).load(file);

            assertEquals("x", ((ProbeConfig) config.frontends().getFirst().config()).value());
        }
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void probeRejectsAnyOtherContextLoaderAndTheLoaderIsRestored(@TempDir Path dir) throws IOException {
        Path file = probeConfig(dir);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ConfigLoader plain = new ConfigLoader(probeRegistry(ConfigLoaderTest.class.getClassLoader()), Map.of());

        ConfigException e = assertThrows(ConfigException.class, () -> plain.load(file));

        assertEquals("$.frontends[0].value", e.jsonPath());
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    private static PluginRegistry probeRegistry(ClassLoader loader) {
        return TestPlugins.registry(List.of(new TestFrontendFactory<>("probe", ProbeConfig.class),
                new TestPlugins.TestBackendFactory<>("raw-udp", EmptyConfig.class)), loader);
    }

    private static Path probeConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("gateway.json"), """
                { "frontends": [ { "type": "probe", "value": "x" } ], "backend": { "type": "raw-udp" } }
                """);
    }

    private static Path folder() {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/config/good").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
