package dev.quetzal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The options of quetzal demo (issue 7 item 2). */
final class DemoOptionsTest {
    private static final Path HERE = Path.of("/work/here");

    @Test
    @DisplayName("defaults: ./quetzal-demo, 127.0.0.1, keep running")
    void defaults() {
        assertEquals(new DemoOptions(HERE.resolve("quetzal-demo"), "127.0.0.1", false), run(List.of()));
    }

    @Test
    @DisplayName("--dir and --listen take a value after a space or '='; --once")
    void values() {
        assertEquals(new DemoOptions(Path.of("/tmp/d"), "192.168.1.20", true),
                run(List.of("--dir=/tmp/d", "--listen", "192.168.1.20", "--once")));
        assertEquals(new DemoOptions(HERE.resolve("x"), "::1", false), run(List.of("--dir", "x", "--listen=::1")));
    }

    @Test
    @DisplayName("mistakes are one line naming the option; --help wins")
    void mistakes() {
        assertEquals("--listen: expected an IP address, got \"lan\"", invalid(List.of("--listen", "lan")));
        assertEquals("--dir: expected a value", invalid(List.of("--dir")));
        assertEquals("unknown option \"--port\"", invalid(List.of("--port", "500")));
        assertInstanceOf(DemoOptions.Parsed.Help.class, DemoOptions.parse(List.of("--once", "--help"), HERE));
    }

    private static DemoOptions run(List<String> args) {
        return assertInstanceOf(DemoOptions.Parsed.Run.class, DemoOptions.parse(args, HERE)).options();
    }

    private static String invalid(List<String> args) {
        return assertInstanceOf(DemoOptions.Parsed.Invalid.class, DemoOptions.parse(args, HERE)).message();
    }
}
