package dev.quetzal.demo;

import java.time.Duration;
import java.util.Optional;

/** Where the demo's client sends its inner IP packets and reads the answers: the IKEv2 client's Child SA. */
interface PacketTunnel {
    void send(byte[] packet);

    /** The next packet from the other side, or empty after {@code limit}. */
    Optional<byte[]> receive(Duration limit) throws InterruptedException;
}
