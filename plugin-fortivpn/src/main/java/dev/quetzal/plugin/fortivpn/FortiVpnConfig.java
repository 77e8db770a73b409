package dev.quetzal.plugin.fortivpn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.plugin.fortivpn.auth.Base32;
import dev.quetzal.plugin.fortivpn.portal.SessionCookie;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of the {@code fortivpn} backend. Exactly one login method must follow from them: a
 * password (optionally with a one-time password), a cookie, SAML, or a client certificate alone.
 */
public record FortiVpnConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The FortiGate's SSL-VPN address, e.g. vpn.example.com:443.")
        HostPort server,
        @JsonPropertyDescription("Realm (the FortiGate's user group path), sent with the login; none by default.")
        String realm,
        @JsonPropertyDescription("User name for password or client-certificate login.")
        String username,
        @JsonPropertyDescription("Password for password login: {\"env\": NAME}, {\"file\": PATH} or a string.")
        Secret password,
        @JsonPropertyDescription("Where the one-time password for two-factor login comes from (one of totp, command, prompt, page).")
        Otp otp,
        @JsonPropertyDescription("An SVPNCOOKIE obtained elsewhere (e.g. a browser), as a secret; with or without the SVPNCOOKIE= prefix.")
        Secret cookie,
        @JsonPropertyDescription("Read the SVPNCOOKIE from standard input at the first connection (default false).")
        Boolean cookieFromStdin,
        @JsonPropertyDescription("SAML sign-in through a browser.")
        Saml saml,
        @JsonPropertyDescription("A TLS client certificate; alone it is the login method, with a password it is presented too.")
        ClientCertificate clientCertificate,
        @JsonPropertyDescription("How the FortiGate's certificate is trusted and which TLS versions are used.")
        Tls tls,
        @JsonPropertyDescription("When to connect: at-start (default) or on-demand (at the first packet from a client).")
        ConnectMode connect,
        @JsonPropertyDescription("Delays between reconnection attempts.")
        Reconnect reconnect,
        @JsonPropertyDescription("Packets held while the tunnel is down, sent when it is up again (default 256; 0 drops them).")
        Integer queueLimit,
        @JsonPropertyDescription("PPP MRU to ask for (default 1400, what an IKEv2 client's inner MTU usually is); 0 sends none.")
        Integer mru,
        @JsonPropertyDescription("LCP echo keepalive that detects a dead FortiGate.")
        Echo echo) {

    /** The login methods, for {@link #loginMethod()}. */
    public enum LoginMethod {
        PASSWORD,
        COOKIE,
        SAML,
        CLIENT_CERTIFICATE
    }

    public enum ConnectMode {
        @JsonProperty("at-start")
        AT_START,
        @JsonProperty("on-demand")
        ON_DEMAND
    }

    public FortiVpnConfig {
        ConfigValueException.require(server, "server", "host:port");
        if (server.port() == 0) {
            throw new ConfigValueException("server", "expected a port 1..65535, got 0");
        }
        if (realm != null && realm.isBlank()) {
            throw new ConfigValueException("realm", "expected a realm name, got an empty string");
        }
        if (username != null && username.isBlank()) {
            throw new ConfigValueException("username", "expected a user name, got an empty string");
        }
        cookieFromStdin = cookieFromStdin != null && cookieFromStdin;
        saml = saml == null ? new Saml(false, null) : saml;
        tls = tls == null ? new Tls(null, null, null, null) : tls;
        connect = connect == null ? ConnectMode.AT_START : connect;
        reconnect = reconnect == null ? new Reconnect(null, null) : reconnect;
        queueLimit = queueLimit == null ? 256 : queueLimit;
        ConfigValueException.checkRange(queueLimit, 0, 65_536, "queueLimit");
        mru = mru == null ? 1400 : mru;
        if (mru != 0 && (mru < 576 || mru > 65_529)) {
            throw new ConfigValueException("mru", "expected 0 (none) or 576..65529, got " + mru);
        }
        echo = echo == null ? new Echo(null, null) : echo;
        if (password != null && password.isEmpty()) {
            throw new ConfigValueException("password", "expected a password, got an empty secret from " + password.origin());
        }
        if (cookie != null) {
            try {
                SessionCookie.of(cookie.reveal());
            } catch (IllegalArgumentException e) {
                // The message describes the shape expected, never the value.
                throw new ConfigValueException("cookie", e.getMessage() + ", got something else from " + cookie.origin());
            }
        }
        LoginMethod method = decideLoginMethod(password, cookie, cookieFromStdin, saml, clientCertificate);
        if ((method == LoginMethod.PASSWORD || method == LoginMethod.CLIENT_CERTIFICATE) && username == null) {
            throw new ConfigValueException("username", "missing, expected the user name for "
                    + (method == LoginMethod.PASSWORD ? "password" : "client-certificate") + " login");
        }
        if (otp != null && otp.anySource() && method != LoginMethod.PASSWORD) {
            throw new ConfigValueException("otp", "only used with password login, but the login method is "
                    + method.name().toLowerCase().replace('_', '-'));
        }
        otp = otp == null ? new Otp(null, null, null, null) : otp;
    }

    /**
     * Which login method the fields select. Conflicts are reported on the second field, naming the first,
     * so the message says exactly which two fields to choose between.
     */
    private static LoginMethod decideLoginMethod(Secret password, Secret cookie, boolean cookieFromStdin, Saml saml,
            ClientCertificate clientCertificate) {
        List<String> given = new ArrayList<>();
        if (password != null) {
            given.add("password");
        }
        if (cookie != null) {
            given.add("cookie");
        }
        if (cookieFromStdin) {
            given.add("cookieFromStdin");
        }
        if (saml.enabled()) {
            given.add("saml");
        }
        if (given.size() > 1) {
            throw new ConfigValueException(given.get(1), "conflicts with " + given.get(0)
                    + ": give exactly one login method (password, cookie, cookieFromStdin, saml, or clientCertificate alone)");
        }
        if (given.isEmpty()) {
            if (clientCertificate != null) {
                return LoginMethod.CLIENT_CERTIFICATE;
            }
            throw new ConfigValueException("password", "missing: no login method; give one of password, cookie, "
                    + "cookieFromStdin, saml.enabled or clientCertificate");
        }
        return switch (given.getFirst()) {
            case "password" -> LoginMethod.PASSWORD;
            case "saml" -> LoginMethod.SAML;
            default -> LoginMethod.COOKIE;
        };
    }

    /** The one login method these settings select (checked when the record was built). */
    public LoginMethod loginMethod() {
        return decideLoginMethod(password, cookie, cookieFromStdin, saml, clientCertificate);
    }

    /** Where a one-time password comes from; at most one source. */
    public record Otp(
            @JsonPropertyDescription("Base32 TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits) as a secret.")
            Secret totp,
            @JsonPropertyDescription("Command (argv list) whose standard output's first line is the code; runs at most 30 s.")
            List<String> command,
            @JsonPropertyDescription("Ask for the code on the console (default false).")
            Boolean prompt,
            @JsonPropertyDescription("Ask for the code on the status page, waiting up to 5 minutes (default false).")
            Boolean page) {
        public Otp {
            prompt = prompt != null && prompt;
            page = page != null && page;
            command = command == null ? null : List.copyOf(command);
            List<String> given = new ArrayList<>();
            if (totp != null) {
                given.add("totp");
            }
            if (command != null) {
                given.add("command");
            }
            if (prompt) {
                given.add("prompt");
            }
            if (page) {
                given.add("page");
            }
            if (given.size() > 1) {
                throw new ConfigValueException(given.get(1), "conflicts with " + given.get(0)
                        + ": give one source of one-time passwords");
            }
            if (totp != null && !Base32.isValid(totp.reveal())) {
                // The value is a secret: say what is wrong, never what it is.
                throw new ConfigValueException("totp", "expected a base32 secret (RFC 4648 letters A-Z and digits 2-7)"
                        + ", got something else from " + totp.origin());
            }
            if (command != null && (command.isEmpty() || command.getFirst().isBlank())) {
                throw new ConfigValueException("command", "expected a program and its arguments, got an empty list");
            }
        }

        public boolean anySource() {
            return totp != null || command != null || prompt || page;
        }
    }

    /** SAML sign-in: the FortiGate sends the browser back to a listener on this machine. */
    public record Saml(
            @JsonPropertyDescription("Sign in with SAML (default false).")
            Boolean enabled,
            @JsonPropertyDescription("Where the browser is sent back after signing in (default 127.0.0.1:8020, the FortiClient convention).")
            HostPort listen) {
        public Saml {
            enabled = enabled != null && enabled;
            listen = listen == null ? new HostPort("127.0.0.1", 8020) : listen;
        }
    }

    /** A client certificate: PEM certificate plus PEM key, or one PKCS#12 file. */
    public record ClientCertificate(
            @JsonProperty(required = true)
            @JsonPropertyDescription("PEM certificate (chain) file, or a PKCS#12 file holding certificate and key.")
            Path certificate,
            @JsonPropertyDescription("PEM private key file (PKCS#8 or traditional); not used with PKCS#12.")
            Path key,
            @JsonPropertyDescription("Password of the PKCS#12 file or of an encrypted PEM key, as a secret.")
            Secret password) {
        public ClientCertificate {
            ConfigValueException.require(certificate, "certificate", "a PEM or PKCS#12 file");
        }
    }

    /** How the server is trusted: any of the system store, a CA file and pins. */
    public record Tls(
            @JsonPropertyDescription("PEM file of CA certificates to trust besides (or instead of) the system's.")
            Path caFile,
            @JsonPropertyDescription("Server public key pins, pin-sha256:BASE64 (as OpenConnect prints); a match alone is enough.")
            List<String> pins,
            @JsonPropertyDescription("Trust the JDK's CA store (default true).")
            Boolean systemTrust,
            @JsonPropertyDescription("Lowest TLS version: \"1.2\" (default) or \"1.3\".")
            String minVersion) {
        private static final Pattern PIN = Pattern.compile("pin-sha256:[A-Za-z0-9+/]{43}=");

        public Tls {
            pins = pins == null ? List.of() : List.copyOf(pins);
            for (int i = 0; i < pins.size(); i++) {
                if (!PIN.matcher(pins.get(i)).matches()) {
                    throw new ConfigValueException("pins[" + i + "]", "expected pin-sha256:<base64 of 32 bytes>, got \""
                            + pins.get(i) + "\"");
                }
            }
            systemTrust = systemTrust == null || systemTrust;
            minVersion = minVersion == null ? "1.2" : minVersion;
            if (!minVersion.equals("1.2") && !minVersion.equals("1.3")) {
                throw new ConfigValueException("minVersion", "expected \"1.2\" or \"1.3\", got \"" + minVersion + "\"");
            }
            if (!systemTrust && caFile == null && pins.isEmpty()) {
                throw new ConfigValueException("systemTrust", "false leaves no way to trust the server: give caFile or pins");
            }
        }
    }

    /** Exponential backoff between attempts: initialDelay doubling up to maxDelay, plus up to 25 % jitter. */
    public record Reconnect(
            @JsonPropertyDescription("First delay after a failure or a drop (default 1s).")
            Duration initialDelay,
            @JsonPropertyDescription("Longest delay between attempts (default 60s).")
            Duration maxDelay) {
        public Reconnect {
            initialDelay = initialDelay == null ? Duration.ofSeconds(1) : initialDelay;
            maxDelay = maxDelay == null ? Duration.ofSeconds(60) : maxDelay;
            if (initialDelay.compareTo(Duration.ofMillis(10)) < 0) {
                throw new ConfigValueException("initialDelay", "expected at least 10ms, got " + initialDelay);
            }
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new ConfigValueException("maxDelay", "expected at least initialDelay (" + initialDelay + "), got " + maxDelay);
            }
        }
    }

    /** LCP echo keepalive (the FortiGate's heartbeat). */
    public record Echo(
            @JsonPropertyDescription("Idle time before an LCP Echo-Request (default: the FortiGate's heartbeat-interval, else 10s; 0s disables).")
            Duration interval,
            @JsonPropertyDescription("Unanswered echoes before the FortiGate is declared dead and the tunnel reconnects (default 3).")
            Integer failures) {
        public Echo {
            if (interval != null && interval.isNegative()) {
                throw new ConfigValueException("interval", "expected a duration of 0s or more, got " + interval);
            }
            failures = failures == null ? 3 : failures;
            ConfigValueException.checkRange(failures, 1, 100, "failures");
        }
    }
}
