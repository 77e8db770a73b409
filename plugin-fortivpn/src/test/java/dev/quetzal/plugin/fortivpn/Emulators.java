package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Helpers for tests against the in-process FortiGate emulator. */
final class Emulators {
    private Emulators() {}

    static HostPort server(FortiGateEmulator emulator) {
        return new HostPort("127.0.0.1", emulator.address().getPort());
    }

    /** TLS settings that trust only the emulator's pin. */
    static FortiVpnConfig.Tls pinned(FortiGateEmulator emulator) {
        return new FortiVpnConfig.Tls(null, List.of(emulator.certificatePin()), false, null);
    }

    static TlsClient tls(FortiGateEmulator emulator) throws Exception {
        return TlsClient.create(server(emulator), pinned(emulator), null);
    }

    static Secret secret(String value) {
        return Secret.of(value, "inline");
    }

    /** A browser for the SAML round trip: trusts the emulator's certificate, follows no redirects. */
    static HttpClient browser(FortiGateEmulator emulator) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("emulator", emulator.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
