package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;

/**
 * Receives datagrams into pooled buffers on one thread until the channel closes. Each datagram is
 * read into a reusable heap buffer and copied once into a pooled packet buffer, so the loop holds
 * no packet buffer while it waits.
 */
final class ReceiveLoop implements Runnable {
    /** What to do with one received packet; the handler owns {@code packet}. */
    interface Handler {
        void onPacket(PacketBuffer packet, SocketAddress from);
    }

    private final DatagramChannel channel;
    private final PacketBufferPool pool;
    private final Handler handler;
    private final Logger log;
    private final ByteBuffer scratch;

    ReceiveLoop(DatagramChannel channel, PacketBufferPool pool, Handler handler, Logger log) {
        this.channel = channel;
        this.pool = pool;
        this.handler = handler;
        this.log = log;
        this.scratch = ByteBuffer.allocate(pool.capacity());
    }

    @Override
    public void run() {
        while (channel.isOpen()) {
            SocketAddress from;
            try {
                scratch.clear();
                from = channel.receive(scratch);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // ICMP errors surface here on some systems; the loop must survive them.
                log.debug("receive failed: {}", e.toString());
                continue;
            }
            if (from == null) {
                continue;
            }
            scratch.flip();
            PacketBuffer packet = pool.acquire();
            packet.append(scratch.array(), 0, scratch.limit());
            try {
                handler.onPacket(packet, from);
            } catch (RuntimeException e) {
                log.warn("packet handler failed: {}", e.toString(), e);
            }
        }
    }
}
