package dev.quetzal.examples.pcap;

import dev.quetzal.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.ApiVersion;
import dev.quetzal.api.ComponentFactory;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginClassLoader;
import dev.quetzal.runtime.plugin.PluginDiscovery;
import dev.quetzal.runtime.plugin.PluginRegistry;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The design's "example plugin, built and loaded by a test": the packaged jar is dropped into a fresh
// plugins/pcap/ folder, found by PluginDiscovery (not from the class path), given a config bound by
// Jackson to the plugin's own record class, fed IPv4 and IPv6 packets, and its capture is decoded by
// tshark (Wireshark), an independent reader of the pcap format. Runs after `package`, under failsafe;
// the tag keeps surefire off it even when -Dtest=... overrides surefire's class-name patterns.
@Tag("integration")
final class PcapPluginIT {
    @TempDir
    Path dir;

    @Test
    void packagedPluginCapturesPacketsThatTsharkDecodes() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = packagedJar();
        Files.createDirectories(plugins.resolve("pcap"));
        Files.copy(jar, plugins.resolve("pcap").resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);

        PluginRegistry registry = new PluginDiscovery(ApiVersion.CURRENT).discover(plugins, null);

        PluginRegistry.Entry entry = registry.find(ComponentKind.FILTER, "pcap").orElseThrow();
        assertEquals("plugins/pcap/" + jar.getFileName(), entry.source());
        assertInstanceOf(PluginClassLoader.class, entry.factory().getClass().getClassLoader());
        // The same class is on this test's class path; the plugin must have its own copy.
        assertNotSame(PcapFilterFactory.class, entry.factory().getClass());

        Path capture = dir.resolve("capture.pcap");
        Record config = (Record) new ObjectMapper().convertValue(Map.of("file", capture), entry.factory().configType());
        ManualClock clock = new ManualClock(Instant.parse("2025-01-02T03:04:05Z"));
        FilterContext context = new TestFilterContext("pcap", clock, clock);
        try (PacketFilter filter = create(entry, config, context)) {
            filter.start();
            assertEquals(Verdict.PASS, filter.outbound(packet(TestPackets.ipv4Udp("198.18.0.1", "198.51.100.7", 40000, 53, "q")), null));
            assertEquals(Verdict.PASS, filter.inbound(packet(TestPackets.ipv4Udp("198.51.100.7", "198.18.0.1", 53, 40000, "a"))));
            assertEquals(Verdict.PASS, filter.outbound(packet(TestPackets.ipv6Udp("2001:db8::1", "2001:db8::7", 40001, 53, "q")), null));
            assertEquals(Verdict.PASS, filter.inbound(packet(TestPackets.ipv6Udp("2001:db8::7", "2001:db8::1", 53, 40001, "a"))));
        }

        assertEquals(List.of(
                        List.of("1", "198.18.0.1", "198.51.100.7", "", ""),
                        List.of("2", "198.51.100.7", "198.18.0.1", "", ""),
                        List.of("3", "", "", "2001:db8::1", "2001:db8::7"),
                        List.of("4", "", "", "2001:db8::7", "2001:db8::1")),
                tshark(capture, "frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst"));
    }

    @SuppressWarnings("unchecked")
    private static PacketFilter create(PluginRegistry.Entry entry, Record config, FilterContext context) throws Exception {
        var factory = (ComponentFactory<Record, FilterContext, PacketFilter>) entry.factory();
        try (var _ = new ThreadContextClassLoader(entry.classLoader())) {
            return factory.create(config, context);
        }
    }

    private static PacketBuffer packet(byte[] bytes) {
        return PacketBuffer.copyOf(bytes, 64, 32);
    }

    /** target/example-pcap-filter-*.jar, the artifact `package` just built. */
    private static Path packagedJar() throws IOException {
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("example-pcap-filter-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
                    .toList();
            assertEquals(1, jars.size(), () -> "expected one packaged plugin jar in " + target + ", found " + jars);
            return jars.getFirst();
        }
    }

    /** tshark's fields for each frame; fails under CI=true when tshark is missing, skips otherwise. */
    private static List<List<String>> tshark(Path capture, String... fields) throws Exception {
        requireTshark();
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path output = Files.createTempFile(capture.getParent(), "tshark", ".txt");
        Path errors = Files.createTempFile(capture.getParent(), "tshark", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("tshark did not finish within 2 minutes");
        }
        assertEquals(0, process.exitValue(), () -> "tshark failed: " + read(errors));
        return Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .map(line -> List.of(line.split("\t", -1)))
                .toList();
    }

    private static void requireTshark() throws InterruptedException {
        boolean available = false;
        try {
            Process probe = new ProcessBuilder("tshark", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (probe.waitFor(1, TimeUnit.MINUTES)) {
                available = probe.exitValue() == 0;
            } else {
                probe.destroyForcibly();
            }
        } catch (IOException e) {
            // not on the PATH
        }
        if (!available) {
            String message = "tshark is not installed (apt-get install tshark, brew install wireshark)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true requires it");
            }
            Assumptions.abort(message + "; skipping the decode check");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
