package dev.quetzal.interop.strongswan;

import dev.quetzal.interop.InteropEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dnsmasq in the server namespace as the network's DNS server behind the gateway: it listens on one
 * address put on the namespace's lo, answers {@code name} from a hosts file with a short TTL
 * ({@code --local-ttl}), is authoritative-only for {@code domain} ({@code --local}: other names there are
 * NXDOMAIN, nothing is forwarded) and re-reads the file on SIGHUP, sent to its own PID. Its PID is recorded
 * in the topology's {@code pids/}, so that {@code topology.sh down} stops it even if {@link #close} is never
 * reached.
 */
final class HostsFileDns implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final SwanTopology topology;
    private final String address;
    private final String name;
    private final Path hosts;
    private final Path log;
    private final Process process;

    private HostsFileDns(SwanTopology topology, String address, String name, Path hosts, Path log, Process process) {
        this.topology = topology;
        this.address = address;
        this.name = name;
        this.hosts = hosts;
        this.log = log;
        this.process = process;
    }

    /** Starts dnsmasq on {@code address} with {@code name} at {@code firstAddress}; returns once it answers. */
    static HostsFileDns start(SwanTopology topology, String address, String domain, String name, String firstAddress,
            int ttlSeconds) throws IOException {
        Path dnsmasq = InteropEnvironment.requireProgram("dnsmasq", "dnsmasq-base");
        InteropEnvironment.requireProgram("dig", "bind9-dnsutils");
        Path dir = Files.createDirectories(topology.workDir().resolve("dns"));
        Path hosts = dir.resolve("hosts");
        Path log = dir.resolve("dnsmasq.log");
        Files.writeString(hosts, firstAddress + " " + name + "\n");
        Scripts.Result added = topology.runInServer(LIMIT, "ip", "addr", "add", address + "/32", "dev", "lo");
        if (!added.succeeded()) {
            throw new IOException("cannot put " + address + " on lo:\n" + added.output());
        }
        List<String> command = topology.inServer(dnsmasq.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=", "--user=root", "--listen-address=" + address,
                "--bind-interfaces", "--log-facility=-", "--log-queries", "--local=/" + domain + "/",
                "--addn-hosts=" + hosts, "--local-ttl=" + ttlSeconds);
        // ip netns exec execs dnsmasq: this process's PID is dnsmasq's.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Files.writeString(topology.workDir().resolve("pids").resolve("dnsmasq.pid"), Long.toString(process.pid()));
        HostsFileDns dns = new HostsFileDns(topology, address, name, hosts, log, process);
        try {
            dns.awaitAnswer(firstAddress);
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
        return dns;
    }

    /** Rewrites the hosts file with {@code name} at {@code newAddress}, sends SIGHUP and waits until dnsmasq answers it. */
    void change(String newAddress) throws IOException {
        Files.writeString(hosts, newAddress + " " + name + "\n");
        Scripts.Result hup = Scripts.command(LIMIT, "kill", "-HUP", Long.toString(process.pid()));
        if (!hup.succeeded()) {
            throw new IOException("kill -HUP " + process.pid() + " failed:\n" + hup.output());
        }
        awaitAnswer(newAddress);
    }

    /** Bounded: ten one-second tries of dig inside the server namespace. */
    private void awaitAnswer(String expected) throws IOException {
        String last = "";
        for (int attempt = 0; attempt < 10 && process.isAlive(); attempt++) {
            Scripts.Result result = topology.runInServer(LIMIT, "dig", "@" + address, "+time=1", "+tries=1", "+short",
                    name, "A");
            last = result.output();
            if (result.succeeded() && last.strip().equals(expected)) {
                return;
            }
            Scripts.pause(100);
        }
        throw new IOException("dnsmasq on " + address + " did not answer " + name + " A " + expected + " (last: "
                + last.strip() + "):\n" + Files.readString(log));
    }

    Path log() {
        return log;
    }

    /** SIGTERM to dnsmasq's PID and a bounded wait (SIGKILL after it). */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(topology.workDir().resolve("pids").resolve("dnsmasq.pid"));
        }
    }
}
