package dev.quetzal.plugin.tun;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code "configure": true} does, with ip(8) from iproute2: the link up with the configured
 * MTU, the uplink addresses on it as host addresses, and a route for each range of the client
 * address pool into it, so the kernel sends the replies to clients back through the device.
 * {@code replace} rather than {@code add} keeps a restart from failing on what the last run left.
 * Forwarding (sysctl net.ipv4.ip_forward) and NAT towards other networks stay the operator's job.
 */
final class LinkSetup {
    /** ip(8) never needs long; a hung one must not hold the gateway's start. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    /** Runs one command; {@link Real} in production, a recording fake in tests. */
    interface CommandRunner {
        Result run(List<String> command) throws IOException;
    }

    /** Exit status and combined output of one command. */
    record Result(int exitCode, String output) {}

    private final CommandRunner runner;

    LinkSetup(CommandRunner runner) {
        this.runner = runner;
    }

    /** The commands for {@code device}, in the order they run. */
    static List<List<String>> commands(String device, int mtu, List<IpAddress> addresses, List<IpPrefix> poolRanges) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("ip", "link", "set", "dev", device, "mtu", Integer.toString(mtu), "up"));
        for (IpAddress address : addresses) {
            commands.add(List.of("ip", "address", "replace", IpPrefix.host(address).toString(), "dev", device));
        }
        for (IpPrefix range : poolRanges) {
            commands.add(List.of("ip", "route", "replace", range.toString(), "dev", device));
        }
        return commands;
    }

    /**
     * Runs the commands and stops at the first that fails.
     *
     * @throws IOException naming the command, its exit status and the first line of its output
     */
    void apply(String device, int mtu, List<IpAddress> addresses, List<IpPrefix> poolRanges) throws IOException {
        for (List<String> command : commands(device, mtu, addresses, poolRanges)) {
            Result result;
            try {
                result = runner.run(command);
            } catch (IOException e) {
                throw new IOException("configure TUN device " + device + ": cannot run `" + String.join(" ", command)
                        + "`: " + e.getMessage(), e);
            }
            if (result.exitCode() != 0) {
                String said = result.output().strip().lines().findFirst().orElse("no output");
                throw new IOException("configure TUN device " + device + ": `" + String.join(" ", command)
                        + "` exited with " + result.exitCode() + ": " + said);
            }
        }
    }

    /**
     * Runs a program with a bounded wait. Output goes to a file rather than a pipe so that reading
     * it can never wait on a stuck child.
     */
    static final class Real implements CommandRunner {
        @Override
        public Result run(List<String> command) throws IOException {
            File output = File.createTempFile("quetzal-tun", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                boolean exited;
                try {
                    exited = process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exited = false;
                }
                if (!exited) {
                    process.destroyForcibly();
                    throw new IOException("did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
                }
                return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output.toPath());
            }
        }
    }
}
