package dev.quetzal.emulator.tls;

import dev.quetzal.emulator.config.ClientAuth;
import dev.quetzal.emulator.config.TlsSettings;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's TLS server side (JDK JSSE): the certificate, optional client-certificate checking,
 * and the server-mode socket layered over an accepted TCP socket, so that a test hook can still
 * reset the TCP connection without a close_notify.
 */
public final class ServerTls {
    private final SSLContext context;
    private final KeyAndCertificates identity;
    private final TlsSettings settings;

    private ServerTls(SSLContext context, KeyAndCertificates identity, TlsSettings settings) {
        this.context = context;
        this.identity = identity;
        this.settings = settings;
    }

    public static ServerTls create(TlsSettings settings, Instant now) throws IOException {
        KeyAndCertificates identity = settings.certificate() == null
                ? SelfSignedCertificates.generate(settings.generatedKey(), now)
                : new KeyAndCertificates(PemFiles.readPrivateKey(settings.key()),
                        PemFiles.readCertificates(settings.certificate()));
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", identity.key(), password, identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManager[] trust = null;
            if (settings.clientAuth() != ClientAuth.NONE) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                List<X509Certificate> caCertificates = PemFiles.readCertificates(settings.clientCa());
                for (int i = 0; i < caCertificates.size(); i++) {
                    cas.setCertificateEntry("ca" + i, caCertificates.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(cas);
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust, null);
            return new ServerTls(context, identity, settings);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return identity.leaf();
    }

    /** A server-mode TLS socket over {@code tcp}; the handshake runs on first use. */
    public SSLSocket wrap(Socket tcp) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(settings.protocols().toArray(String[]::new));
        switch (settings.clientAuth()) {
            case NONE -> socket.setNeedClientAuth(false);
            case REQUEST -> socket.setWantClientAuth(true);
            case REQUIRE -> socket.setNeedClientAuth(true);
        }
        return socket;
    }
}
