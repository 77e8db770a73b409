package dev.quetzal.plugin.ikev2.engine;

import java.net.InetSocketAddress;

/** Sends IKE datagrams for the engine. Thread-safe; never blocks for long. */
public interface IkeTransport {
    /**
     * Sends one IKE message (or fragment) from {@code local} to {@code peer}. The transport adds the
     * non-ESP marker when the message goes over the NAT-T port (RFC 3948 §2.2) and chooses the socket
     * by {@code local}'s port.
     */
    void send(byte[] message, int offset, int length, InetSocketAddress local, InetSocketAddress peer);
}
