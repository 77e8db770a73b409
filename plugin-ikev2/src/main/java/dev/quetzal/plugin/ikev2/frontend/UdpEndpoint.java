package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound UDP socket of the frontend (the IKE port or the NAT-T port) and its receive thread. Each
 * datagram is received into a reused direct buffer (what the JDK would copy a heap buffer through
 * anyway) and copied once into a pooled packet buffer. Sends copy into a per-thread direct buffer, so
 * neither direction allocates per packet.
 */
final class UdpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpEndpoint.class);
    private static final int MAX_DATAGRAM = 65_535;

    /** What to do with one received datagram; the handler owns {@code datagram}. */
    interface Handler {
        void onDatagram(PacketBuffer datagram, InetSocketAddress from, UdpEndpoint endpoint);
    }

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final ThreadLocal<ByteBuffer> sendBuffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_DATAGRAM));
    private Thread receiver;

    private UdpEndpoint(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    static UdpEndpoint bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(address);
            return new UdpEndpoint(channel);
        } catch (BindException e) {
            channel.close();
            throw explained(e, address);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The JDK's bind errors name neither the address nor the usual cause; an operator needs both. */
    static BindException explained(BindException e, InetSocketAddress address) {
        String reason = String.valueOf(e.getMessage());
        String hint;
        if (reason.contains("in use")) {
            hint = "another program has it: an IKE daemon (strongSwan's charon, racoon, the OS's own VPN service) or a"
                    + " second Quetzal; stop it or choose other ikePort/natPort";
        } else if (reason.contains("ermission") && address.getPort() < 1024) {
            hint = "ports below 1024 need root or CAP_NET_BIND_SERVICE (setcap cap_net_bind_service=+ep on the java"
                    + " binary, or AmbientCapabilities= in a systemd unit)";
        } else if (reason.contains("assign")) {
            hint = "listenAddress is not an address of this host";
        } else {
            hint = "check listenAddress, ikePort and natPort";
        }
        BindException explained = new BindException("cannot listen on UDP " + address.getAddress().getHostAddress() + ":"
                + address.getPort() + ": " + reason + "; " + hint);
        explained.initCause(e);
        return explained;
    }

    /** The bound address (the real port when bound to 0). */
    InetSocketAddress local() {
        return local;
    }

    int port() {
        return local.getPort();
    }

    /** Starts the receive thread; every datagram goes to {@code handler} until {@link #close}. */
    void start(String name, PacketBufferPool pool, Handler handler) {
        receiver = Thread.ofPlatform().name(name).daemon().start(() -> receiveLoop(pool, handler));
    }

    private void receiveLoop(PacketBufferPool pool, Handler handler) {
        ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (channel.isOpen()) {
            SocketAddress from;
            try {
                scratch.clear();
                from = channel.receive(scratch);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // ICMP port-unreachable surfaces here on some systems; the loop must survive it.
                log.debug("receive on {} failed: {}", local, e.toString());
                continue;
            }
            if (!(from instanceof InetSocketAddress sender)) {
                continue;
            }
            scratch.flip();
            int length = scratch.remaining();
            PacketBuffer datagram = pool.acquire();
            if (length > datagram.tailroom()) {
                // Larger than a pool buffer: an unfragmented IKE_AUTH with a certificate chain can be. Rare,
                // so an unpooled buffer is fine.
                datagram.release();
                datagram = PacketBuffer.allocate(0, length);
            }
            scratch.get(datagram.array(), datagram.arrayOffset(), length);
            datagram.setLength(length);
            try {
                handler.onDatagram(datagram, sender, this);
            } catch (RuntimeException e) {
                log.warn("datagram handler failed on {}: {}", local, e.toString(), e);
            }
        }
    }

    /** Sends {@code length} bytes of {@code array} from {@code offset}; false on an I/O error. */
    boolean send(byte[] array, int offset, int length, InetSocketAddress peer) {
        ByteBuffer out = sendBuffers.get();
        out.clear();
        out.put(array, offset, length);
        out.flip();
        try {
            channel.send(out, peer);
            return true;
        } catch (IOException e) {
            log.debug("send from {} to {} failed: {}", local, peer, e.toString());
            return false;
        }
    }

    /** Closes the socket, which ends the receive loop, and waits a bounded time for the thread. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("close of {} failed: {}", local, e.toString());
        }
        if (receiver != null) {
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "udp " + local;
    }
}
