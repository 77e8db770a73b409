package dev.quetzal.plugin.fortivpn.tunnel;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.PacketRouter;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.fortivpn.ppp.FortiFrame;
import dev.quetzal.fortivpn.ppp.FortiFrameDecoder;
import dev.quetzal.fortivpn.ppp.FramingException;
import dev.quetzal.fortivpn.ppp.PppEndpoint;
import dev.quetzal.fortivpn.ppp.PppHeader;
import dev.quetzal.fortivpn.ppp.PppProtocol;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The tunnel's reader: reads the TLS stream into one reused 64 KiB array, splits it into frames, hands
 * IP packets whose network protocol is open to the router (one copy into a pooled buffer) and
 * everything else to the PPP endpoint. First it checks that the answer to the tunnel request is not
 * {@code HTTP/} (protocol notes §4: a refusal).
 */
final class TunnelReader implements Runnable, FortiFrameDecoder.FrameSink {
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    /** How the reader reports the end of the stream. */
    interface Ending {
        void refused(String statusLine);

        void ended(String reason);
    }

    private final HttpConnection connection;
    private final PppEndpoint endpoint;
    private final PacketBufferPool pool;
    private final PacketRouter router;
    private final TimeSource time;
    private final TunnelCounters counters;
    private final Ending ending;
    private final FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
    private final byte[] buffer = new byte[64 * 1024];
    private long now;

    TunnelReader(HttpConnection connection, PppEndpoint endpoint, PacketBufferPool pool, PacketRouter router,
            TimeSource time, TunnelCounters counters, Ending ending) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.pool = pool;
        this.router = router;
        this.time = time;
        this.counters = counters;
        this.ending = ending;
    }

    @Override
    public void run() {
        try {
            if (refused()) {
                return;
            }
            int n = connection.takeBuffered(buffer, 0, buffer.length);
            if (n > 0) {
                feed(n);
            }
            InputStream in = connection.input();
            while (true) {
                n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    ending.ended("the FortiGate closed the tunnel connection");
                    return;
                }
                feed(n);
            }
        } catch (FramingException e) {
            counters.dropMalformedIn.increment();
            ending.ended("malformed frames from the FortiGate (" + e.getMessage() + ")");
        } catch (IOException e) {
            ending.ended("tunnel connection lost: " + e.getMessage());
        } catch (RuntimeException e) {
            ending.ended("tunnel reader failed: " + e);
        }
    }

    /** True (and reported) when the FortiGate answered the tunnel request with HTTP. */
    private boolean refused() throws IOException {
        connection.setTimeout(Duration.ZERO);
        int have = connection.firstBytes(HTTP.length);
        for (int i = 0; i < have; i++) {
            if (connection.peekByte(i) != HTTP[i]) {
                return false;
            }
        }
        if (have < HTTP.length) {
            // Fewer bytes than "HTTP/" and then the end: let the read loop report the close.
            return false;
        }
        String statusLine;
        try {
            HttpResponse response = connection.readResponse(Duration.ofSeconds(5));
            statusLine = response.statusLine();
        } catch (IOException e) {
            statusLine = "an HTTP answer (" + e.getMessage() + ")";
        }
        ending.refused(statusLine);
        return true;
    }

    private void feed(int n) throws FramingException {
        now = time.nanoTime();
        decoder.feed(buffer, 0, n, this);
    }

    @Override
    public void frame(byte[] array, int offset, int length) {
        endpoint.frameReceived(now);
        int protocol = PppHeader.protocol(array, offset, length);
        boolean data = (protocol == PppProtocol.IPV4 && endpoint.ipv4Open())
                || (protocol == PppProtocol.IPV6 && endpoint.ipv6Open());
        if (!data) {
            counters.controlIn.increment();
            endpoint.receiveFrame(array, offset, length, now);
            return;
        }
        int header = PppHeader.headerLength(array, offset, length);
        int ipLength = length - header;
        int version = ipLength > 0 ? (array[offset + header] & 0xFF) >>> 4 : -1;
        if (version != (protocol == PppProtocol.IPV4 ? 4 : 6)) {
            counters.dropMalformedIn.increment();
            return;
        }
        if (ipLength > pool.capacity()) {
            counters.dropOversizeIn.increment();
            return;
        }
        PacketBuffer packet = pool.acquire();
        packet.append(array, offset + header, ipLength);
        counters.packetsIn.increment();
        counters.bytesIn.add(ipLength);
        router.fromNetwork(packet);
    }
}
