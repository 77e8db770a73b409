package dev.quetzal.emulator.network;

import dev.quetzal.api.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A minimal HTTP server over TCP (RFC 9293) for the in-process network, one reply segment per segment received:
 * SYN to port 80 gets SYN-ACK; in-order data is collected until the request's blank line (RFC 9112 §2.1), then one
 * segment carries the ACK, a small HTTP/1.1 response and our FIN; the client's FIN is acknowledged and closes the
 * connection. Segments for no connection get a reset (RFC 9293 §3.10.7.1), as do SYNs to other ports. The table of
 * connections is bounded; idle ones expire. Not a general TCP: no retransmission of its own, no window
 * management beyond the one response, which fits in any window a client opens.
 */
public final class TcpHttpResponder {
    /** {@link #segment}'s result for a segment that failed its checks. */
    public static final int MALFORMED = -1;
    public static final int HTTP_PORT = 80;
    static final String PAGE = "<!doctype html>\n<html><head><title>Quetzal corporate intranet</title></head>\n"
            + "<body><h1>Quetzal corporate intranet</h1><p>Served by the FortiGate emulator's in-process network.</p>"
            + "</body></html>\n";
    private static final int WINDOW = 65_535;
    private static final int MAX_REQUEST = 8192;
    private static final byte[] REQUEST_END = {'\r', '\n', '\r', '\n'};

    private final int maxConnections;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    /** Oldest activity first (access order), so expiry looks at the head only. */
    private final Map<Key, Connection> connections = new LinkedHashMap<>(16, 0.75f, true);
    private final LongAdder opened = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * @param maxConnections connections kept at once; a SYN beyond them is reset
     * @param idleNanos a connection without a segment for this long is forgotten
     */
    public TcpHttpResponder(int maxConnections, long idleNanos, LongSupplier nanoTime) {
        if (maxConnections < 1 || idleNanos < 1) {
            throw new IllegalArgumentException("maxConnections and idleNanos must be positive");
        }
        this.maxConnections = maxConnections;
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
    }

    private record Key(IpAddress client, int clientPort, IpAddress server, int serverPort) {}

    private enum State { SYN_RECEIVED, ESTABLISHED, RESPONDED }

    private static final class Connection {
        final long initialSequence;
        long receiveNext;
        long sendNext;
        State state = State.SYN_RECEIVED;
        boolean finReceived;
        long lastSeen;
        byte[] request = new byte[256];
        int requestLength;
        byte[] response;

        Connection(long initialSequence, long receiveNext, long now) {
            this.initialSequence = initialSequence;
            this.receiveNext = receiveNext;
            this.sendNext = TcpSegment.add(initialSequence, 1);
            this.lastSeen = now;
        }
    }

    /**
     * Handles the TCP segment at {@code packet[l4, l4 + l4Length)} of the IP packet at {@code ip}. Writes the reply
     * packet, if any, to {@code out} at 0 and returns its length; 0 when nothing is sent, {@link #MALFORMED} when the
     * segment failed its checks (dropped).
     */
    public synchronized int segment(byte[] packet, int ip, int l4, int l4Length, byte[] out) {
        TcpSegment in = TcpSegment.read(packet, ip, l4, l4Length);
        if (in == null) {
            return MALFORMED;
        }
        if (in.has(TcpSegment.RST)) {
            connections.remove(key(in)); // RFC 9293 §3.10.7.4: a reset is never answered
            return 0;
        }
        long now = nanoTime.getAsLong();
        expire(now);
        Key key = key(in);
        Connection connection = connections.get(key);
        if (connection == null) {
            return in.has(TcpSegment.SYN) && !in.has(TcpSegment.ACK) && in.destinationPort() == HTTP_PORT
                    ? open(in, key, now, out)
                    : reset(in, out);
        }
        connection.lastSeen = now;
        if (in.has(TcpSegment.SYN)) {
            // A retransmitted SYN: our SYN-ACK was lost (RFC 9293 §3.5).
            return connection.state == State.SYN_RECEIVED
                    ? in.reply(connection.initialSequence, connection.receiveNext, TcpSegment.SYN | TcpSegment.ACK,
                            WINDOW).write(out, null, 0)
                    : 0;
        }
        if (!in.has(TcpSegment.ACK)) {
            return 0; // RFC 9293 §3.10.7.4, fifth check: drop a segment without ACK
        }
        if (connection.state == State.SYN_RECEIVED) {
            if (in.acknowledgment() != connection.sendNext) {
                return reset(in, out); // RFC 9293 §3.10.7.4: an unacceptable ACK in SYN-RECEIVED
            }
            connection.state = State.ESTABLISHED;
        }
        return data(in, packet, key, connection, out);
    }

    private int open(TcpSegment syn, Key key, long now, byte[] out) {
        if (connections.size() >= maxConnections) {
            refused.increment();
            return reset(syn, out);
        }
        Connection connection = new Connection(random.nextInt() & 0xFFFFFFFFL, TcpSegment.add(syn.sequence(), 1), now);
        connections.put(key, connection);
        opened.increment();
        return syn.reply(connection.initialSequence, connection.receiveNext, TcpSegment.SYN | TcpSegment.ACK, WINDOW)
                .write(out, null, 0);
    }

    /** The data and FIN of an acceptable segment; everything out of order is answered with our current ACK. */
    private int data(TcpSegment in, byte[] packet, Key key, Connection connection, byte[] out) {
        if (connection.state == State.RESPONDED && connection.finReceived) {
            if (in.acknowledgment() == connection.sendNext) {
                connections.remove(key); // both FINs acknowledged
            }
            return 0;
        }
        if (in.sequence() != connection.receiveNext) {
            return in.length() == 0 ? 0 : ack(in, connection, out);
        }
        if (in.dataLength() > 0 && connection.state != State.RESPONDED) {
            if (!collect(connection, packet, in.dataOffset(), in.dataLength())) {
                connections.remove(key);
                return reset(in, out);
            }
        }
        connection.receiveNext = TcpSegment.add(connection.receiveNext, in.dataLength());
        if (in.has(TcpSegment.FIN)) {
            connection.finReceived = true;
            connection.receiveNext = TcpSegment.add(connection.receiveNext, 1);
        }
        if (connection.state != State.RESPONDED && (complete(connection) || connection.finReceived)) {
            return respond(in, connection, out);
        }
        if (connection.state == State.RESPONDED && connection.finReceived
                && in.acknowledgment() == connection.sendNext) {
            connections.remove(key);
        }
        return in.length() == 0 ? 0 : ack(in, connection, out);
    }

    /** One segment: ACK, the response and FIN (RFC 9293 §3.6: the server closes after an HTTP/1.1 "close"). */
    private int respond(TcpSegment in, Connection connection, byte[] out) {
        byte[] response = response(connection);
        connection.response = response;
        connection.state = State.RESPONDED;
        connection.request = null;
        long sequence = connection.sendNext;
        connection.sendNext = TcpSegment.add(sequence, response.length + 1L);
        responses.increment();
        return in.reply(sequence, connection.receiveNext, TcpSegment.ACK | TcpSegment.PSH | TcpSegment.FIN, WINDOW)
                .withData(response.length).write(out, response, 0);
    }

    private static int ack(TcpSegment in, Connection connection, byte[] out) {
        return in.reply(connection.sendNext, connection.receiveNext, TcpSegment.ACK, WINDOW).write(out, null, 0);
    }

    /** RFC 9293 §3.10.7.1: a reset that the sender will accept, whether or not its segment had an ACK. */
    private int reset(TcpSegment in, byte[] out) {
        resets.increment();
        if (in.has(TcpSegment.ACK)) {
            return in.reply(in.acknowledgment(), 0, TcpSegment.RST, 0).write(out, null, 0);
        }
        return in.reply(0, TcpSegment.add(in.sequence(), in.length()), TcpSegment.RST | TcpSegment.ACK, 0)
                .write(out, null, 0);
    }

    /** Appends request octets; false when the request grew past {@link #MAX_REQUEST}. */
    private static boolean collect(Connection connection, byte[] packet, int offset, int length) {
        int needed = connection.requestLength + length;
        if (needed > MAX_REQUEST) {
            return false;
        }
        if (needed > connection.request.length) {
            connection.request = Arrays.copyOf(connection.request, Math.min(MAX_REQUEST,
                    Math.max(needed, connection.request.length * 2)));
        }
        System.arraycopy(packet, offset, connection.request, connection.requestLength, length);
        connection.requestLength = needed;
        return true;
    }

    private static boolean complete(Connection connection) {
        byte[] r = connection.request;
        for (int i = 0; i + REQUEST_END.length <= connection.requestLength; i++) {
            if (r[i] == '\r' && r[i + 1] == '\n' && r[i + 2] == '\r' && r[i + 3] == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * 200 with the page for GET (headers only for HEAD), 400 for anything else (RFC 9110 §9.3.1, §9.3.2); nothing when
     * the client closed without a request.
     */
    private static byte[] response(Connection connection) {
        if (connection.requestLength == 0) {
            return new byte[0]; // closed without asking: our FIN only
        }
        String request = new String(connection.request, 0, connection.requestLength, StandardCharsets.ISO_8859_1);
        boolean get = request.startsWith("GET ");
        boolean head = request.startsWith("HEAD ");
        byte[] body = (get || head ? PAGE : "bad request\n").getBytes(StandardCharsets.UTF_8);
        String status = get || head ? "200 OK" : "400 Bad Request";
        String headers = "HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] header = headers.getBytes(StandardCharsets.ISO_8859_1);
        if (head) {
            return header;
        }
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    private void expire(long now) {
        Iterator<Connection> oldestFirst = connections.values().iterator();
        while (oldestFirst.hasNext()) {
            if (now - oldestFirst.next().lastSeen < idleNanos) {
                return;
            }
            oldestFirst.remove();
        }
    }

    private static Key key(TcpSegment in) {
        return new Key(in.source(), in.sourcePort(), in.destination(), in.destinationPort());
    }

    /** Connections in the table now. */
    public synchronized int connections() {
        return connections.size();
    }

    /** Connections accepted (SYN-ACK sent). */
    public long opened() {
        return opened.sum();
    }

    /** HTTP responses sent. */
    public long responses() {
        return responses.sum();
    }

    /** Resets sent: segments for no connection, SYNs to other ports, refused and oversized requests. */
    public long resets() {
        return resets.sum();
    }

    /** SYNs reset because the table was full. */
    public long refused() {
        return refused.sum();
    }
}
