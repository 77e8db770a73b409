package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.setup.SaFragmentation;
import dev.quetzal.plugin.ikev2.testing.InertChildSa;
import dev.quetzal.plugin.ikev2.testing.StaticEnvironment;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client over a real UDP socket on 127.0.0.1: a {@link StandardIkeEngine} as initiator and, as its data plane, one
 * {@link EspSa} per installed Child SA. Datagrams starting with the non-ESP marker are IKE (RFC 3948 §2.2), the rest
 * ESP, opened and queued for the test.
 */
final class UdpInitiator implements AutoCloseable {
    private final DatagramSocket socket;
    private final StandardIkeEngine engine;
    private final CompletableFuture<ChildSaSpec> installed = new CompletableFuture<>();
    private final BlockingQueue<byte[]> esp = new LinkedBlockingQueue<>();
    private final Thread receiver;
    private volatile EspSa child;
    private volatile InetSocketAddress floatTo;
    private volatile InetSocketAddress lastEspSource;

    UdpInitiator(IkeSaConfig config) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        IkeTransport transport = (message, offset, length, local, peer) -> {
            // Neither port is 500 here: the marker always precedes IKE (RFC 3948 §2.2).
            byte[] framed = new byte[4 + length];
            System.arraycopy(message, offset, framed, 4, length);
            // Like strongSwan after NAT detection (RFC 7296 §2.23): everything after IKE_SA_INIT to the NAT-T port.
            boolean init = length > 18 && message[offset + 18] == ExchangeType.IKE_SA_INIT;
            InetSocketAddress floated = floatTo;
            sendRaw(framed, floated != null && !init ? floated : peer);
        };
        engine = new StandardIkeEngine(config, transport, new Plane(), StaticEnvironment.NONE, new SecureRandom(),
                System::nanoTime, SaFragmentation.standard(InstantSource.system()));
        receiver = Thread.ofPlatform().daemon().name("udp-initiator").start(this::receiveLoop);
    }

    InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    StandardIkeEngine engine() {
        return engine;
    }

    /** Sends every message after IKE_SA_INIT to {@code natPort} instead of the address {@link #connect} was given. */
    void floatTo(InetSocketAddress natPort) {
        floatTo = natPort;
    }

    /** Where the last ESP datagram came from. */
    InetSocketAddress lastEspSource() {
        return lastEspSource;
    }

    /** Starts IKE_SA_INIT; returns the SA whose Child SA {@link #awaitChild} waits for. */
    IkeSa connect(InetSocketAddress gateway) {
        return engine.initiate(gateway, local());
    }

    ChildSaSpec awaitChild(Duration limit) throws Exception {
        return installed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Protects {@code inner} with the Child SA and sends it as ESP in UDP. */
    void sendInner(byte[] inner, InetSocketAddress gateway) {
        sendRaw(Fixtures.seal(child, inner), gateway);
    }

    /** The next inner packet the gateway sent us, or empty after {@code limit}. */
    Optional<byte[]> receiveInner(Duration limit) throws InterruptedException {
        byte[] packet = esp.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        return packet == null ? Optional.empty() : Optional.of(Fixtures.open(child, packet));
    }

    private void sendRaw(byte[] datagram, InetSocketAddress peer) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, peer));
        } catch (IOException e) {
            throw new IllegalStateException("send to " + peer + " failed", e);
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            if (data.length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0) {
                engine.receive(data, 4, data.length - 4, from, local());
            } else if (data.length > 1) {
                lastEspSource = from;
                esp.add(data);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        engine.close();
        socket.close();
        receiver.join(5000);
    }

    private final class Plane implements Dataplane {
        @Override
        public ChildSa install(ChildSaSpec spec) {
            EspSa sa = new EspSa(spec.esp());
            child = sa;
            installed.complete(spec);
            return InertChildSa.of(spec);
        }

        @Override
        public void peerMoved(String ikeSaId, InetSocketAddress peer) {
        }
    }
}
