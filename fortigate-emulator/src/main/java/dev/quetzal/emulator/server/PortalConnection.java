package dev.quetzal.emulator.server;

import dev.quetzal.emulator.EmulatorHooks;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.http.HttpRequest;
import dev.quetzal.emulator.http.HttpRequestReader;
import dev.quetzal.emulator.http.HttpResponse;
import dev.quetzal.emulator.http.HttpResponseWriter;
import dev.quetzal.emulator.http.ReadResult;
import dev.quetzal.emulator.portal.ClientIdentity;
import dev.quetzal.emulator.portal.Outcome;
import dev.quetzal.emulator.portal.Portal;
import dev.quetzal.emulator.tls.ServerTls;
import dev.quetzal.emulator.tunnel.Tunnels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on its own virtual thread: TLS handshake, then keep-alive HTTP requests until
 * the client closes, asks to close, sends something malformed, or switches the connection to the
 * tunnel. Nothing a client sends can escape as an exception.
 */
final class PortalConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalConnection.class);
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** Idle keep-alive connections are dropped after this. */
    private static final int IDLE_TIMEOUT_MILLIS = 300_000;

    private final Socket tcp;
    private final ServerTls tls;
    private final Portal portal;
    private final Tunnels tunnels;
    private final EmulatorHooks hooks;
    private final EmulatorStats stats;

    PortalConnection(Socket tcp, ServerTls tls, Portal portal, Tunnels tunnels, EmulatorHooks hooks, EmulatorStats stats) {
        this.tcp = tcp;
        this.tls = tls;
        this.portal = portal;
        this.tunnels = tunnels;
        this.hooks = hooks;
        this.stats = stats;
    }

    @Override
    public void run() {
        SSLSocket socket = null;
        boolean handedOver = false;
        try {
            socket = tls.wrap(tcp);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            socket.startHandshake();
            ClientIdentity identity = identify(socket.getSession());
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            HttpRequestReader reader = new HttpRequestReader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                ReadResult result = reader.next();
                switch (result) {
                    case ReadResult.Closed() -> {
                        return;
                    }
                    case ReadResult.Malformed(int status, String reason) -> {
                        stats.countMalformedRequest();
                        respond(out, HttpResponse.text(status, reason, reason), true);
                        return;
                    }
                    case ReadResult.Request(HttpRequest request) -> {
                        stats.countRequest(Portal.endpoint(request.path()));
                        Outcome outcome = portal.handle(request, identity);
                        if (outcome instanceof Outcome.OpenTunnel(var session)) {
                            socket.setSoTimeout(0);
                            handedOver = true;
                            tunnels.run(tcp, socket, reader, session);
                            return;
                        }
                        boolean close = request.wantsClose();
                        respond(out, ((Outcome.Respond) outcome).response(), close);
                        if (close) {
                            return;
                        }
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("Connection from {} timed out", tcp.getRemoteSocketAddress());
        } catch (IOException e) {
            LOG.debug("Connection from {} ended: {}", tcp.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Connection from {} failed", tcp.getRemoteSocketAddress(), e);
        } finally {
            if (!handedOver) {
                close(socket);
            }
        }
    }

    private void respond(OutputStream out, HttpResponse response, boolean close)
            throws IOException, InterruptedException {
        Duration delay = hooks.responseDelay();
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
        HttpResponseWriter.write(out, response, close);
    }

    private void close(SSLSocket socket) {
        try {
            if (socket != null) {
                socket.close();
            } else {
                tcp.close();
            }
        } catch (IOException e) {
            LOG.debug("Close failed: {}", e.toString());
        }
    }

    /** The subject CN of a client certificate the handshake verified, if any. */
    static ClientIdentity identify(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
                RDN[] names = subject.getRDNs(BCStyle.CN);
                if (names.length > 0) {
                    return new ClientIdentity(IETFUtils.valueToString(names[0].getFirst().getValue()));
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate: an anonymous client.
        }
        return ClientIdentity.ANONYMOUS;
    }
}
