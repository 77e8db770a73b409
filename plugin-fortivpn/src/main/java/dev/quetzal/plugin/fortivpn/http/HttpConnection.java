package dev.quetzal.plugin.fortivpn.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * A small HTTP/1.1 client on one connected (TLS) socket: one request at a time, keep-alive until the
 * server closes or asks to. After the tunnel request the same socket carries PPP; {@link
 * #firstBytes(int)} and {@link #takeBuffered} hand the bytes already read to the tunnel, so none are
 * lost.
 */
public final class HttpConnection implements Closeable {
    /** What every FortiGate client sends (OpenConnect forces it): some FortiOS versions check it. */
    public static final String USER_AGENT = "Mozilla/5.0 SV1";

    private final Socket socket;
    private final Socket transport;
    private final String host;
    private final OutputStream out;
    private final InputStream in;
    private final ResponseReader reader;
    private boolean reusable = true;
    private int exchanges;
    private volatile boolean closed;

    /**
     * @param socket the (TLS) socket HTTP runs on
     * @param transport the TCP socket under it (the same as {@code socket} without TLS), closed by {@link
     *     #abort()}
     * @param host the Host field: {@code name} on port 443, else {@code name:port} (as OpenConnect sends)
     */
    public HttpConnection(Socket socket, Socket transport, String host) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.host = host;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.reader = new ResponseReader(in);
    }

    /**
     * Sends {@code request} and reads the response within {@code timeout}.
     *
     * @throws NoResponseException when the server had closed a
     *     kept-alive connection; {@link #wasUsed()} tells whether a retry on a new connection makes sense
     */
    public HttpResponse exchange(HttpRequest request, Duration timeout) throws IOException {
        if (!reusable) {
            throw new IllegalStateException("connection is no longer usable for HTTP");
        }
        write(request);
        setTimeout(timeout);
        HttpResponse response;
        try {
            response = reader.read();
        } catch (IOException e) {
            reusable = false;
            throw e;
        }
        exchanges++;
        if (response.closeRequested() || reader.sawEnd()) {
            reusable = false;
        }
        return response;
    }

    /** Sends a request without reading an answer: the tunnel request, which has none on success. */
    public void write(HttpRequest request) throws IOException {
        try {
            out.write(request.encode(host, USER_AGENT));
            out.flush();
        } catch (IOException e) {
            reusable = false;
            throw e;
        }
    }

    /** Reads a response to a request sent with {@link #write}: the FortiGate refusing the tunnel. */
    public HttpResponse readResponse(Duration timeout) throws IOException {
        setTimeout(timeout);
        reusable = false;
        return reader.read();
    }

    /** Blocks until {@code n} bytes arrived after the last response (or the stream ended); returns how many. */
    public int firstBytes(int n) throws IOException {
        return reader.peek(n);
    }

    /** Byte {@code index} of those counted by {@link #firstBytes}. */
    public byte peekByte(int index) {
        return reader.peekByte(index);
    }

    /** Moves bytes already read past the last response into {@code target}; returns how many. */
    public int takeBuffered(byte[] target, int offset, int max) {
        return reader.takeBuffered(target, offset, max);
    }

    /** The raw stream for the tunnel's reader, once {@link #takeBuffered} returned everything. */
    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    public Socket socket() {
        return socket;
    }

    /** True until an error, a close-delimited body or {@code Connection: close}. */
    public boolean reusable() {
        return reusable && !closed && !socket.isClosed();
    }

    /** True once a response was read on this connection (so a silent close is a stale keep-alive). */
    public boolean wasUsed() {
        return exchanges > 0;
    }

    public void setTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
    }

    /** Closes the connection in order (TLS close_notify), then the TCP socket. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the TCP socket is closed next either way.
        }
        abort();
    }

    /**
     * Closes the TCP socket under TLS without a close_notify. Safe from any thread at any time: it
     * unblocks reads and writes in progress, which a TLS close could wait behind.
     */
    public void abort() {
        closed = true;
        try {
            transport.close();
        } catch (IOException e) {
            // Nothing more can be done about a socket that fails to close.
        }
    }

    public boolean isClosed() {
        return closed || socket.isClosed();
    }
}
