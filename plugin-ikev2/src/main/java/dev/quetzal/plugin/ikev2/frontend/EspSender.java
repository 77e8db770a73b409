package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import java.net.InetSocketAddress;

/** Sends an ESP-in-UDP datagram (RFC 3948 §2.1: the ESP packet is the whole UDP payload, no marker). */
interface EspSender {
    /**
     * Sends {@code packet}'s bytes from the socket bound to {@code localPort} to {@code peer}; does not
     * release the buffer. False when the datagram could not be sent.
     */
    boolean send(PacketBuffer packet, InetSocketAddress peer, int localPort);
}
