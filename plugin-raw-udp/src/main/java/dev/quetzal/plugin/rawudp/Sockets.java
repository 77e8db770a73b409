package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;

/** Socket address helpers shared by the frontend and the backend. */
final class Sockets {
    private Sockets() {}

    static InetSocketAddress resolve(HostPort hostPort) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(hostPort.host()), hostPort.port());
    }

    /** Closes the channel, which ends the receive loop, and waits a bounded time for its thread. */
    static void closeAndJoin(DatagramChannel channel, Thread receiver, Logger log) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("close failed: {}", e.toString());
            }
        }
        if (receiver != null) {
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
