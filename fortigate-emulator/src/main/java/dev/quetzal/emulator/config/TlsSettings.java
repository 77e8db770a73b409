package dev.quetzal.emulator.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The emulator's TLS server.
 *
 * @param certificate PEM certificate chain; null generates a self-signed one (CN and SAN 127.0.0.1,
 *     localhost)
 * @param key PEM private key (PKCS#8 or traditional) for {@code certificate}
 * @param generatedKey the key type of a generated certificate
 * @param protocols enabled protocol versions (default TLSv1.3 and TLSv1.2)
 * @param clientAuth whether a client certificate is asked for
 * @param clientCa PEM CA certificates that client certificates must chain to (needed unless NONE)
 */
public record TlsSettings(
        Path certificate, Path key, KeyType generatedKey, List<String> protocols, ClientAuth clientAuth,
        Path clientCa) {
    /** Key of a generated self-signed certificate. */
    public enum KeyType {
        EC_P256,
        RSA_2048
    }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        generatedKey = generatedKey == null ? KeyType.EC_P256 : generatedKey;
        protocols = protocols == null || protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        for (String protocol : protocols) {
            if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.3")) {
                throw new IllegalArgumentException("expected TLSv1.2 or TLSv1.3, got \"" + protocol + "\"");
            }
        }
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("expected both certificate and key, or neither");
        }
        if (clientAuth != ClientAuth.NONE && clientCa == null) {
            throw new IllegalArgumentException("clientAuth " + clientAuth + " needs clientCa");
        }
    }

    /** A generated ECDSA P-256 certificate, TLS 1.2 and 1.3, no client certificates. */
    public static TlsSettings defaults() {
        return new TlsSettings(null, null, null, null, null, null);
    }

    public TlsSettings withClientAuth(ClientAuth mode, Path caPem) {
        return new TlsSettings(certificate, key, generatedKey, protocols, mode, caPem);
    }

    public TlsSettings withCertificate(Path certificatePem, Path keyPem) {
        return new TlsSettings(certificatePem, keyPem, generatedKey, protocols, clientAuth, clientCa);
    }

    public TlsSettings withProtocols(List<String> value) {
        return new TlsSettings(certificate, key, generatedKey, value, clientAuth, clientCa);
    }
}
