package dev.quetzal.examples.pcap;

import dev.quetzal.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.PacketFilterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Smoke test of the plugin entry point, after Trino's TestXxxPlugin (style anchors §1): the service
// file names PcapPlugin, it offers exactly the "pcap" filter factory and nothing else, and creating
// and closing a filter touches no file (I/O starts in start(), per ComponentFactory's contract).
final class PcapPluginTest {
    @TempDir
    Path dir;

    @Test
    void serviceFileListsThePlugin() {
        List<Class<?>> providers = ServiceLoader.load(GatewayPlugin.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::type)
                .<Class<?>>map(type -> type)
                .toList();

        // The runtime's test jar adds its own testing plugin to this class path; only ours is from this package.
        assertEquals(List.of(PcapPlugin.class), providers.stream()
                .filter(type -> type.getPackageName().equals(PcapPlugin.class.getPackageName()))
                .toList());
    }

    @Test
    void offersOnlyThePcapFilter() {
        PcapPlugin plugin = new PcapPlugin();

        assertTrue(plugin.frontendFactories().isEmpty());
        assertTrue(plugin.backendFactories().isEmpty());
        List<PacketFilterFactory<?>> filters = plugin.packetFilterFactories();
        assertEquals(1, filters.size());
        assertEquals("pcap", filters.getFirst().type());
        assertEquals(PcapFilterConfig.class, filters.getFirst().configType());
        assertFalse(filters.getFirst().description().isBlank());
    }

    @Test
    void createAndCloseWithoutStartTouchNoFile() {
        Path file = dir.resolve("never.pcap");
        ManualClock clock = new ManualClock(Instant.EPOCH);

        PacketFilter filter = new PcapFilterFactory().create(new PcapFilterConfig(file, 0), new TestFilterContext("pcap", clock, clock));
        filter.close();

        assertFalse(Files.exists(file));
        assertEquals(0, clock.pendingTasks());
    }
}
