package dev.quetzal.tun.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A network namespace a test creates under a random name and always deletes. */
public final class NetworkNamespace implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** {@code prefix-} and 8 random hex digits. */
    public static NetworkNamespace create(String prefix) throws IOException {
        NetworkNamespace namespace = new NetworkNamespace(prefix + "-" + randomHex(4));
        Commands.run("ip", "netns", "add", namespace.name);
        return namespace;
    }

    /** A name for a test's device or namespace: {@code prefix} and {@code 2 * bytes} random hex digits. */
    public static String randomName(String prefix, int bytes) {
        return prefix + randomHex(bytes);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME args...}. */
    public String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return Commands.run(Commands.DEFAULT_TIMEOUT, command);
    }

    /** Runs {@code ip netns exec NAME command...}. */
    public String exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Commands.run(Commands.DEFAULT_TIMEOUT, full);
    }

    /** Moves an interface of the test's namespace here. */
    public void adopt(String device) throws IOException {
        Commands.run("ip", "link", "set", "dev", device, "netns", name);
    }

    public static boolean exists(String name) throws IOException {
        return Commands.run("ip", "netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(name));
    }

    /** Deletes the namespace if it still exists; the interfaces in it go with it. */
    @Override
    public void close() throws IOException {
        if (exists(name)) {
            Commands.run(Duration.ofSeconds(30), List.of("ip", "netns", "del", name));
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
