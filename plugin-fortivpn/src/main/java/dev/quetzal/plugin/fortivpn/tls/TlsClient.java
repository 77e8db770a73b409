package dev.quetzal.plugin.fortivpn.tls;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Opens TLS connections to the FortiGate: TLS 1.2 and 1.3 (or 1.3 only), SNI with the server's name,
 * trust from pins, a CA file and the system store, and the client certificate when one is configured.
 * Each connection resolves the name again, so DNS changes are followed across reconnects.
 */
public final class TlsClient {
    private final SSLContext context;
    private final HostPort server;
    private final String[] protocols;
    private final ClientIdentity identity;

    private TlsClient(SSLContext context, HostPort server, String[] protocols, ClientIdentity identity) {
        this.context = context;
        this.server = server;
        this.protocols = protocols;
        this.identity = identity;
    }

    /** Builds the SSL context from the config; reads the CA file and the client certificate now. */
    public static TlsClient create(HostPort server, FortiVpnConfig.Tls tls, FortiVpnConfig.ClientCertificate certificate)
            throws IOException, GeneralSecurityException {
        List<X509ExtendedTrustManager> anchors = new ArrayList<>();
        if (tls.systemTrust()) {
            anchors.add(trustManager(null));
        }
        if (tls.caFile() != null) {
            anchors.add(trustManager(caStore(tls.caFile())));
        }
        ClientIdentity identity = certificate == null ? null
                : ClientIdentity.load(certificate.certificate(), certificate.key(), certificate.password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity == null ? null : new KeyManager[] {identity},
                new TrustManager[] {new ServerTrust(new HashSet<>(tls.pins()), anchors)}, null);
        String[] protocols = tls.minVersion().equals("1.3") ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"};
        return new TlsClient(context, server, protocols, identity);
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    private static KeyStore caStore(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int count = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + count++, certificate);
            }
        }
        if (count == 0) {
            throw new GeneralSecurityException("tls.caFile " + file + " holds no certificate");
        }
        return store;
    }

    public HostPort server() {
        return server;
    }

    /** The client certificate presented, or null. */
    public ClientIdentity identity() {
        return identity;
    }

    /**
     * Connects and completes the handshake within {@code timeout} (each of connect and handshake).
     *
     * @throws ServerNotTrustedException when the certificate is not trusted (the message gives its pin)
     * @throws IOException for anything else, with the server and the reason in the message
     */
    public HttpConnection connect(Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        InetAddress address;
        try {
            address = InetAddress.getByName(server.host());
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + server.host() + ": " + e.getMessage(), e);
        }
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(address, server.port()), millis);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, server.host(), server.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(protocols);
            // Chains validated against anchors must name this host; pins skip that (ServerTrust).
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (IpAddress.parseOrNull(server.host()) == null) {
                parameters.setServerNames(List.of(new SNIHostName(server.host())));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(millis);
            tls.startHandshake();
            String host = server.port() == 443 ? server.host() : server.toString();
            return new HttpConnection(tls, tcp, host);
        } catch (SSLHandshakeException e) {
            closeQuietly(tcp);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UntrustedServerCertificateException untrusted) {
                    throw new ServerNotTrustedException(untrusted.getMessage(), untrusted.pin());
                }
            }
            throw new IOException("TLS handshake with " + server + " failed: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            closeQuietly(tcp);
            throw new IOException("no answer from " + server + " within " + millis + " ms", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcp);
            throw new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }
}
