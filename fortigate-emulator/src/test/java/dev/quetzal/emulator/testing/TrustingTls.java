package dev.quetzal.emulator.testing;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A client TLS context that trusts exactly one server certificate (the emulator's self-signed one). */
public final class TrustingTls {
    private TrustingTls() {}

    public static SSLContext trusting(X509Certificate server) {
        return trusting(server, null);
    }

    public static SSLContext trusting(X509Certificate server, KeyManager[] clientKeys) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator", server);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(clientKeys, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
