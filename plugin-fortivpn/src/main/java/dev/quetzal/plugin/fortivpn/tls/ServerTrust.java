package dev.quetzal.plugin.fortivpn.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the FortiGate's certificate when its public key pin is one of the configured pins (a pin
 * match alone is enough: FortiGates mostly present self-signed certificates), or else when one of the
 * anchors (the system store, a CA file) validates the chain and the host name. A refusal names the
 * certificate's pin.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private final Set<String> pins;
    private final List<X509ExtendedTrustManager> anchors;

    ServerTrust(Set<String> pins, List<X509ExtendedTrustManager> anchors) {
        this.pins = Set.copyOf(pins);
        this.anchors = List.copyOf(anchors);
    }

    @FunctionalInterface
    private interface AnchorCheck {
        void check(X509ExtendedTrustManager anchor) throws CertificateException;
    }

    private void check(X509Certificate[] chain, AnchorCheck anchorCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        String pin = CertificatePins.pin(chain[0]);
        if (pins.contains(pin)) {
            return;
        }
        CertificateException last = null;
        for (X509ExtendedTrustManager anchor : anchors) {
            try {
                anchorCheck.check(anchor);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        List<String> why = new ArrayList<>();
        if (!pins.isEmpty()) {
            why.add("its pin is not in tls.pins");
        }
        if (last != null) {
            why.add(rootMessage(last));
        }
        throw new UntrustedServerCertificateException("server certificate not trusted (" + String.join("; ", why)
                + "); its pin is " + pin + "; add it to tls.pins to trust it", pin, last);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("unable to find valid certification path")) {
            return "no trusted CA issued it";
        }
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, anchor -> anchor.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, anchor -> anchor.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, anchor -> anchor.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.stream().flatMap(a -> java.util.Arrays.stream(a.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
