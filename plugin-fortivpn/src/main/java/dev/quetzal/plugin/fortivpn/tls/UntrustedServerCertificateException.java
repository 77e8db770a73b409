package dev.quetzal.plugin.fortivpn.tls;

import java.security.cert.CertificateException;

/** Thrown by {@link ServerTrust} inside the handshake; {@link TlsClient} turns it into {@link ServerNotTrustedException}. */
final class UntrustedServerCertificateException extends CertificateException {
    private final String pin;

    UntrustedServerCertificateException(String message, String pin, Throwable cause) {
        super(message, cause);
        this.pin = pin;
    }

    String pin() {
        return pin;
    }
}
