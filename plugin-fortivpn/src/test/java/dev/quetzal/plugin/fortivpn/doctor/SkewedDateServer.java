package dev.quetzal.plugin.fortivpn.doctor;

import dev.quetzal.emulator.config.TlsSettings;
import dev.quetzal.emulator.tls.KeyAndCertificates;
import dev.quetzal.emulator.tls.SelfSignedCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTPS server on 127.0.0.1 whose responses carry a Date {@code skew} away from the real time (RFC 9110 §6.6.1),
 * as a FortiGate with a wrong clock would send. It serves a few connections, each with one response.
 */
final class SkewedDateServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 4;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final SSLServerSocket socket;
    private final X509Certificate certificate;
    private final Thread thread;

    SkewedDateServer(Duration skew) throws Exception {
        KeyAndCertificates keys = SelfSignedCertificates.generate(TlsSettings.KeyType.EC_P256, Instant.now());
        certificate = keys.chain().getFirst();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", keys.key(), password, keys.chain().toArray(Certificate[]::new));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        thread = Thread.ofVirtual().start(() -> serve(skew));
    }

    int port() {
        return socket.getLocalPort();
    }

    X509Certificate certificate() {
        return certificate;
    }

    private void serve(Duration skew) {
        for (int i = 0; i < MAX_CONNECTIONS && !socket.isClosed(); i++) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(TIMEOUT_MILLIS);
                readHead(connection.getInputStream());
                String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plus(skew).atOffset(ZoneOffset.UTC));
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nDate: " + date + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // A connection that only probed TCP, or the server closing: serve the next one.
            }
        }
    }

    /** Reads up to the blank line that ends the request head (at most 16 KiB). */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int i = 0; i < 16_384 && matched < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request ended");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(TIMEOUT_MILLIS);
    }
}
