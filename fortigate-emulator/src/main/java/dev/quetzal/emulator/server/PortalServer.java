package dev.quetzal.emulator.server;

import dev.quetzal.emulator.EmulatorHooks;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.portal.Portal;
import dev.quetzal.emulator.tls.ServerTls;
import dev.quetzal.emulator.tunnel.Tunnels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts TCP connections and gives each its own virtual thread running a {@link PortalConnection}. */
public final class PortalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    private final ServerSocket listener;
    private final ServerTls tls;
    private final Portal portal;
    private final Tunnels tunnels;
    private final EmulatorHooks hooks;
    private final EmulatorStats stats;
    private final Set<Thread> connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong counter = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closing;

    public PortalServer(InetSocketAddress bind, ServerTls tls, Portal portal, Tunnels tunnels, EmulatorHooks hooks,
            EmulatorStats stats) throws IOException {
        this.tls = tls;
        this.portal = portal;
        this.tunnels = tunnels;
        this.hooks = hooks;
        this.stats = stats;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(bind, 128);
        this.acceptor = Thread.ofPlatform().daemon().name("emulator-acceptor-" + address().getPort()).start(this::accept);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("Accept failed: {}", e.toString());
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                PortalConnection connection = new PortalConnection(socket, tls, portal, tunnels, hooks, stats);
                // A platform thread: a tunnel connection reads TLS at tens of thousands of frames a second, and a
                // virtual thread would park and be rescheduled on its carrier for nearly every one of them.
                Thread thread = Thread.ofPlatform().daemon().name("emulator-connection-" + counter.incrementAndGet()).unstarted(() -> {
                    try {
                        connection.run();
                    } finally {
                        sockets.remove(socket);
                        connections.remove(Thread.currentThread());
                    }
                });
                connections.add(thread);
                thread.start();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot serve a connection: {}", e.toString());
                sockets.remove(socket);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the listening socket; connections already accepted go on. */
    public void stopAccepting() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("Listener close failed: {}", e.toString());
        }
    }

    /** Stops accepting, closes every connection and waits (bounded) for their threads. */
    @Override
    public void close() {
        stopAccepting();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Close failed: {}", e.toString());
            }
        }
        connections.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        for (Thread thread : connections) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            acceptor.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
