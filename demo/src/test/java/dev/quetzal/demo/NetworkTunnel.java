package dev.quetzal.demo;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.Ipv6Settings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.network.InProcessNetwork;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A tunnel straight into the emulator's in-process corporate network (IPv4 and IPv6): what the client sends is
 * answered there. Packets {@code drop} accepts are lost on the way out, to exercise retransmission.
 */
final class NetworkTunnel implements PacketTunnel {
    final InProcessNetwork network = new InProcessNetwork(EmulatorConfig.builder()
            .tunnel(TunnelSettings.builder().ipv6(Ipv6Settings.enabledDefaults()).build()).build());
    private final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
    private final Predicate<byte[]> drop;
    int sent;

    NetworkTunnel(Predicate<byte[]> drop) {
        this.drop = drop;
        network.start((packet, offset, length) -> answers.add(Arrays.copyOfRange(packet, offset, offset + length)));
    }

    @Override
    public void send(byte[] packet) {
        sent++;
        if (!drop.test(packet)) {
            network.fromClient(packet, 0, packet.length);
        }
    }

    @Override
    public Optional<byte[]> receive(Duration limit) throws InterruptedException {
        return Optional.ofNullable(answers.poll(limit.toNanos(), TimeUnit.NANOSECONDS));
    }
}
