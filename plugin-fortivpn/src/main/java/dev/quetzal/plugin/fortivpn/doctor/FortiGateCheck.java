package dev.quetzal.plugin.fortivpn.doctor;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import dev.quetzal.plugin.fortivpn.http.HttpConnection;
import dev.quetzal.plugin.fortivpn.http.HttpRequest;
import dev.quetzal.plugin.fortivpn.http.HttpResponse;
import dev.quetzal.plugin.fortivpn.tls.CertificatePins;
import dev.quetzal.plugin.fortivpn.tls.ServerNotTrustedException;
import dev.quetzal.plugin.fortivpn.tls.TlsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * {@code quetzal doctor} for a {@code fortivpn} backend: the FortiGate reachable over TCP, its TLS certificate
 * trusted as configured (else the pin to add), and its clock (the HTTP Date of the login page) close to ours.
 * It fetches the login page only: no credentials are sent.
 */
public final class FortiGateCheck {
    /** Beyond this, TOTP codes and certificate validity start to fail. */
    static final Duration MAX_SKEW = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private FortiGateCheck() {}

    public static List<Finding> diagnose(FortiVpnConfig config, DiagnosticContext context) {
        List<Finding> findings = new ArrayList<>();
        if (config.saml().enabled()) {
            IpAddress address = IpAddress.parseOrNull(config.saml().listen().host());
            if (address != null) {
                findings.add(context.checkListen(DiagnosticContext.Transport.TCP, address, config.saml().listen().port(),
                        "saml.listen"));
            }
        }
        String server = config.server().toString();
        Finding tcp = reachable(config);
        findings.add(tcp);
        if (tcp.severity() == Finding.Severity.FAIL) {
            return findings;
        }
        TlsClient tls;
        try {
            // The client certificate is presented as the backend would: some FortiGates require one for the handshake.
            tls = TlsClient.create(config.server(), config.tls(), config.clientCertificate());
        } catch (IOException | GeneralSecurityException e) {
            findings.add(Finding.fail("TLS settings cannot be used: " + e.getMessage(),
                    "fix tls.caFile or clientCertificate"));
            return findings;
        }
        try (HttpConnection connection = tls.connect(TIMEOUT)) {
            findings.add(trusted(config, connection));
            findings.add(clock(connection, context.now()));
        } catch (ServerNotTrustedException e) {
            findings.add(Finding.fail(server + ": " + e.getMessage().replaceFirst("; add it to tls.pins to trust it$", ""),
                    "if the FortiGate's administrator confirms " + e.pin() + " (or openssl s_client from a trusted"
                            + " network shows it), put it in tls.pins"));
        } catch (IOException e) {
            findings.add(Finding.fail("TLS handshake with " + server + " failed: " + e.getMessage(),
                    "check that server is the FortiGate's SSL-VPN port, and tls.minVersion"));
        }
        return findings;
    }

    private static Finding reachable(FortiVpnConfig config) {
        String server = config.server().toString();
        InetAddress address;
        try {
            address = InetAddress.getByName(config.server().host());
        } catch (UnknownHostException e) {
            return Finding.fail(server + ": " + config.server().host() + " does not resolve",
                    "check server, and this host's DNS");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, config.server().port()), (int) TIMEOUT.toMillis());
        } catch (IOException e) {
            return Finding.fail("FortiGate " + server + " is not reachable over TCP: " + e.getMessage(),
                    "check server (host and SSL-VPN port, often 443 or 10443), the route to it and any firewall");
        }
        return Finding.ok("FortiGate " + server + " is reachable over TCP");
    }

    private static Finding trusted(FortiVpnConfig config, HttpConnection connection) throws IOException {
        SSLSocket socket = (SSLSocket) connection.socket();
        X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        String pin = CertificatePins.pin(leaf);
        String how = config.tls().pins().contains(pin) ? "matches the pin " + pin + " in tls.pins"
                : "is trusted by a CA (its pin is " + pin + ")";
        return Finding.ok("FortiGate " + config.server() + " speaks " + socket.getSession().getProtocol()
                + "; its certificate " + how);
    }

    /** The login page's Date header (RFC 9110 §6.6.1) against our clock. */
    private static Finding clock(HttpConnection connection, Instant now) throws IOException {
        HttpResponse response = connection.exchange(HttpRequest.get("/remote/login"), TIMEOUT);
        String date = response.header("Date").orElse(null);
        if (date == null) {
            return Finding.ok("the FortiGate sent no Date header; clocks not compared");
        }
        Instant theirs;
        try {
            theirs = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Finding.warn("the FortiGate's Date header does not parse: " + date, "compare the clocks by hand");
        }
        Duration skew = Duration.between(theirs, now).abs();
        String found = "this host's clock is " + skew.toSeconds() + " s " + (now.isAfter(theirs) ? "ahead of" : "behind")
                + " the FortiGate's";
        if (skew.compareTo(MAX_SKEW) > 0) {
            return Finding.warn(found, "set the clock right (timedatectl set-ntp true, chrony or ntpd; on macOS"
                    + " sntp -sS time.apple.com): one-time passwords and certificate checks need it");
        }
        return Finding.ok(found);
    }
}
