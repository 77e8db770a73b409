package dev.quetzal.emulator.network;

import java.io.IOException;
import java.util.Optional;

/**
 * The network behind the emulated FortiGate: where tunnel clients' IP packets go and where answers
 * come from. Two implementations: an in-process one (ICMP echo, UDP echo, authoritative DNS) and a
 * TUN device in a network namespace where real servers run (Linux, root).
 */
public interface CorporateNetwork extends AutoCloseable {
    /** Routes packets from the network back to the tunnel session that owns their destination address. */
    @FunctionalInterface
    interface ClientSink {
        /**
         * An IPv4 or IPv6 packet for a client; {@code packet[offset, offset + length)} is valid only
         * during the call. Packets for no known client are dropped by the sink.
         */
        void toClient(byte[] packet, int offset, int length);
    }

    /** Opens sockets or devices and starts threads; answers go to {@code clients}. */
    void start(ClientSink clients) throws IOException;

    /**
     * An IP packet from a tunnel client, called on that session's reader thread. Must not block for
     * long and must not keep {@code packet}, which is reused after the call. Malformed packets are
     * counted and dropped.
     */
    void fromClient(byte[] packet, int offset, int length);

    /** The DNS zone this network answers itself, if it has one (the in-process network does, tun mode does not). */
    default Optional<DnsZoneServer> dnsZone() {
        return Optional.empty();
    }

    /** Stops threads and releases devices; idempotent, never throws. */
    @Override
    void close();
}
