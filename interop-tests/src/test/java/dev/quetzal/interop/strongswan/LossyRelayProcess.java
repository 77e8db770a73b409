package dev.quetzal.interop.strongswan;

import dev.quetzal.plugin.ikev2.testing.LossyUdpRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LossyUdpRelay} as its own JVM inside the server namespace, between the strongSwan client and Quetzal: the
 * test JVM cannot bind in a namespace. On SIGTERM it prints what it did, one line per direction, and exits.
 */
final class LossyRelayProcess implements AutoCloseable {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;

    private LossyRelayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Relays {@code listen} to {@code gateway} (both host:port in the server namespace) with 5 % of each fault. */
    static LossyRelayProcess start(SwanTopology topology, String listenHost, int listenPort, String gatewayHost,
            int gatewayPort, long seed) throws IOException {
        Path log = Files.createDirectories(topology.workDir().resolve("relay")).resolve("relay.log");
        List<String> command = topology.inServer(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LossyRelayProcess.class.getName(), listenHost,
                Integer.toString(listenPort), gatewayHost, Integer.toString(gatewayPort), Long.toString(seed));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LossyRelayProcess relay = new LossyRelayProcess(process, log);
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (!Files.readString(log).contains("relaying") && System.nanoTime() < deadline && process.isAlive()) {
            Scripts.pause(50);
        }
        if (!Files.readString(log).contains("relaying")) {
            relay.close();
            throw new IOException("the lossy relay did not start:\n" + Files.readString(log));
        }
        return relay;
    }

    /** SIGTERM, a bounded wait, then its report: the relay's counts per direction. */
    String stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        LossyUdpRelay relay = new LossyUdpRelay(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                new InetSocketAddress(0), new InetSocketAddress(args[2], Integer.parseInt(args[3])),
                new LossyUdpRelay.Faults(0.05, 0.05, 0.05), Long.parseLong(args[4]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("to gateway " + relay.counts(LossyUdpRelay.Direction.TO_GATEWAY));
            System.out.println("to client " + relay.counts(LossyUdpRelay.Direction.TO_CLIENT));
            stopped.countDown();
        }));
        System.out.println("relaying " + relay.address() + " to " + args[2] + ":" + args[3]);
        stopped.await();
    }
}
