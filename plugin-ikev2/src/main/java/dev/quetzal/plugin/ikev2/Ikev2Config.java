package dev.quetzal.plugin.ikev2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.setup.SuiteNames;
import dev.quetzal.plugin.ikev2.sa.DosPolicy;
import dev.quetzal.plugin.ikev2.sa.SaLifetimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the {@code ikev2} frontend. The PEM files are read when the frontend is created. */
public record Ikev2Config(
        @JsonPropertyDescription("Address to listen on (default 0.0.0.0).")
        IpAddress listenAddress,
        @JsonPropertyDescription("UDP port for IKE (default 500).")
        Integer ikePort,
        @JsonPropertyDescription("UDP port for NAT traversal and ESP in UDP (default 4500).")
        Integer natPort,
        @JsonPropertyDescription("Serve IKE and ESP on natPort alone, no ikePort socket (default false).")
        Boolean singlePort,
        @JsonPropertyDescription("PEM file with the server certificate first, then its intermediates (required).")
        Path certificate,
        @JsonPropertyDescription("PEM file with the server's unencrypted private key, PKCS#8 or traditional (required).")
        Path key,
        @JsonPropertyDescription("PEM file with the CA certificate(s) that client certificates must chain to (required).")
        Path clientCa,
        @JsonPropertyDescription("Our IKE identity (IDr, an FQDN); default: the certificate's first DNS name.")
        String identity,
        @JsonPropertyDescription("IKE suites we accept, best first, by strongSwan proposal name, e.g."
                + " aes256gcm16-prfsha256-ecp256, aes256-sha256-modp2048, chacha20poly1305-prfsha256-x25519"
                + " (default: all of them).")
        List<String> suites,
        @JsonPropertyDescription("When SAs are rekeyed and when they expire: ikeSa, childSa, childSaBytes, rekeyMargin,"
                + " rekeyJitter, dpdInterval, reauth.")
        Lifetimes lifetimes,
        @JsonPropertyDescription("Protection from IKE_SA_INIT floods (RFC 7296 §2.6): cookieThreshold, maxHalfOpen,"
                + " initRatePerSource.")
        Dos dos,
        @JsonPropertyDescription("Accept MOBIKE (RFC 4555) from clients that offer it, so they keep their tunnel across an"
                + " address change (default true).")
        Boolean mobike) {
    /** The settings before lifetimes existed; lifetimes take their defaults. */
    public Ikev2Config(IpAddress listenAddress, Integer ikePort, Integer natPort, Boolean singlePort, Path certificate,
            Path key, Path clientCa, String identity, List<String> suites) {
        this(listenAddress, ikePort, natPort, singlePort, certificate, key, clientCa, identity, suites, null);
    }

    /** The settings before dos existed; its limits take their defaults. */
    public Ikev2Config(IpAddress listenAddress, Integer ikePort, Integer natPort, Boolean singlePort, Path certificate,
            Path key, Path clientCa, String identity, List<String> suites, Lifetimes lifetimes) {
        this(listenAddress, ikePort, natPort, singlePort, certificate, key, clientCa, identity, suites, lifetimes, null);
    }

    /** The settings before mobike existed; MOBIKE is on. */
    public Ikev2Config(IpAddress listenAddress, Integer ikePort, Integer natPort, Boolean singlePort, Path certificate,
            Path key, Path clientCa, String identity, List<String> suites, Lifetimes lifetimes, Dos dos) {
        this(listenAddress, ikePort, natPort, singlePort, certificate, key, clientCa, identity, suites, lifetimes, dos,
                null);
    }

    public Ikev2Config {
        listenAddress = listenAddress == null ? IpAddress.parse("0.0.0.0") : listenAddress;
        ikePort = ikePort == null ? 500 : ikePort;
        natPort = natPort == null ? 4500 : natPort;
        singlePort = singlePort != null && singlePort;
        ConfigValueException.checkRange(ikePort, 0, 65535, "ikePort");
        ConfigValueException.checkRange(natPort, 0, 65535, "natPort");
        if (!singlePort && ikePort.equals(natPort) && ikePort != 0) {
            throw new ConfigValueException("natPort", "ikePort and natPort are both " + ikePort
                    + "; set singlePort to true to serve everything on one port");
        }
        ConfigValueException.require(certificate, "certificate", "a PEM certificate chain file");
        ConfigValueException.require(key, "key", "a PEM private key file");
        ConfigValueException.require(clientCa, "clientCa", "a PEM file of CA certificates for client certificates");
        if (identity != null && !identity.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?")) {
            throw new ConfigValueException("identity", "expected an FQDN such as vpn.example.com, got \"" + identity
                    + "\"");
        }
        suites = suites == null ? List.of() : List.copyOf(suites);
        for (int i = 0; i < suites.size(); i++) {
            if (SuiteNames.find(suites.get(i)).isEmpty()) {
                throw new ConfigValueException("suites[" + i + "]", "expected one of " + SuiteNames.names() + ", got \""
                        + suites.get(i) + "\"");
            }
        }
        lifetimes = lifetimes == null ? new Lifetimes(null, null, null, null, null, null) : lifetimes;
        dos = dos == null ? new Dos(null, null, null) : dos;
        mobike = mobike == null || mobike;
    }

    /**
     * Limits on half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not yet done; RFC 7296 §2.6): from cookieThreshold
     * of them on, a new IKE_SA_INIT must return a COOKIE before it gets any state; never more than maxHalfOpen; one
     * source address gets at most initRatePerSource new ones a second.
     */
    public record Dos(
            @JsonPropertyDescription("Half-open IKE SAs from which cookies are required, 0 for always (default 50).")
            Integer cookieThreshold,
            @JsonPropertyDescription("Most half-open IKE SAs at once; more IKE_SA_INIT are dropped (default 5000).")
            Integer maxHalfOpen,
            @JsonPropertyDescription("IKE_SA_INIT a second that one source address may start (default 20).")
            Integer initRatePerSource) {
        static final int MAX_HALF_OPEN = 1_000_000;

        public Dos {
            cookieThreshold = cookieThreshold == null ? DosPolicy.DEFAULT.cookieThreshold() : cookieThreshold;
            maxHalfOpen = maxHalfOpen == null ? DosPolicy.DEFAULT.maxHalfOpen() : maxHalfOpen;
            initRatePerSource = initRatePerSource == null ? DosPolicy.DEFAULT.initRatePerSource() : initRatePerSource;
            ConfigValueException.checkRange(maxHalfOpen, 1, MAX_HALF_OPEN, "maxHalfOpen");
            if (cookieThreshold < 0 || cookieThreshold > maxHalfOpen) {
                throw new ConfigValueException("cookieThreshold", "expected 0..maxHalfOpen (" + maxHalfOpen + "), got "
                        + cookieThreshold);
            }
            ConfigValueException.checkRange(initRatePerSource, 1, MAX_HALF_OPEN, "initRatePerSource");
        }

        /** The engine's view of these settings. */
        public DosPolicy toDosPolicy() {
            return new DosPolicy(cookieThreshold, maxHalfOpen, initRatePerSource);
        }
    }

    /**
     * SA lifetimes (RFC 7296 §2.8): at lifetime - rekeyMargin - a random part of rekeyJitter we rekey; an SA not rekeyed
     * by the end of its lifetime is deleted. A null margin or jitter takes its default for each lifetime. A client
     * silent for dpdInterval gets a liveness check, and its SAs go when it stays unanswered (RFC 7296 §2.4). With
     * reauth, IKE_AUTH tells the client how long its authentication holds (AUTH_LIFETIME, RFC 4478); an IKE SA whose
     * client has not authenticated again by then, plus a grace period, is deleted.
     */
    public record Lifetimes(
            @JsonPropertyDescription("IKE SA lifetime (default 4h).")
            Duration ikeSa,
            @JsonPropertyDescription("Child SA lifetime (default 1h).")
            Duration childSa,
            @JsonPropertyDescription("Child SA byte limit per direction, rekeyed at 90 % of it (default: none).")
            Long childSaBytes,
            @JsonPropertyDescription("How long before the end of a lifetime we start the rekey (default: 10 % of the"
                    + " lifetime, at least 30s and at most half of it).")
            Duration rekeyMargin,
            @JsonPropertyDescription("Random extra margin, so both ends do not rekey at the same moment (default: 5 %"
                    + " of the lifetime).")
            Duration rekeyJitter,
            @JsonPropertyDescription("Silence from a client after which an empty INFORMATIONAL request checks that it is"
                    + " alive; unanswered through the retransmissions (about 15s), its SAs are deleted; 0s: never"
                    + " (default 30s).")
            Duration dpdInterval,
            @JsonPropertyDescription("How long a client's authentication holds: sent as AUTH_LIFETIME, the client"
                    + " authenticates again (a new IKE SA) before it ends, else its IKE SA is deleted 30s after;"
                    + " 0s: never (default 0s).")
            Duration reauth) {
        static final Duration MIN_LIFETIME = Duration.ofSeconds(10);
        static final Duration MAX_LIFETIME = Duration.ofDays(30);
        static final long MIN_BYTES = 1L << 20;
        static final Duration DEFAULT_DPD_INTERVAL = Duration.ofSeconds(30);
        static final Duration MIN_DPD_INTERVAL = Duration.ofSeconds(1);

        /** The settings before reauth existed: no reauthentication. */
        public Lifetimes(Duration ikeSa, Duration childSa, Long childSaBytes, Duration rekeyMargin, Duration rekeyJitter,
                Duration dpdInterval) {
            this(ikeSa, childSa, childSaBytes, rekeyMargin, rekeyJitter, dpdInterval, null);
        }

        public Lifetimes {
            ikeSa = ikeSa == null ? Duration.ofHours(4) : ikeSa;
            childSa = childSa == null ? Duration.ofHours(1) : childSa;
            checkLifetime(ikeSa, "ikeSa");
            checkLifetime(childSa, "childSa");
            dpdInterval = dpdInterval == null ? DEFAULT_DPD_INTERVAL : dpdInterval;
            if (!dpdInterval.isZero() && (dpdInterval.compareTo(MIN_DPD_INTERVAL) < 0
                    || dpdInterval.compareTo(MAX_LIFETIME) > 0)) {
                throw new ConfigValueException("dpdInterval", "expected 0s (off) or 1s..30d, got "
                        + (dpdInterval.isNegative() ? dpdInterval.toString() : text(dpdInterval.toNanos())));
            }
            reauth = reauth == null ? Duration.ZERO : reauth;
            if (!reauth.isZero() && (reauth.compareTo(MIN_LIFETIME) < 0 || reauth.compareTo(MAX_LIFETIME) > 0)) {
                throw new ConfigValueException("reauth", "expected 0s (off) or 10s..30d, got "
                        + (reauth.isNegative() ? reauth.toString() : text(reauth.toNanos())));
            }
            if (childSaBytes != null && childSaBytes < MIN_BYTES) {
                throw new ConfigValueException("childSaBytes", "expected at least " + MIN_BYTES + " (1 MiB), got "
                        + childSaBytes);
            }
            if (rekeyMargin != null && (rekeyMargin.isNegative() || rekeyMargin.isZero())) {
                throw new ConfigValueException("rekeyMargin", "expected a duration above 0s, got " + rekeyMargin);
            }
            if (rekeyJitter != null && rekeyJitter.isNegative()) {
                throw new ConfigValueException("rekeyJitter", "expected a duration of 0s or more, got " + rekeyJitter);
            }
            for (String name : List.of("childSa", "ikeSa")) {
                long life = (name.equals("childSa") ? childSa : ikeSa).toNanos();
                long margin = SaLifetimes.Span.marginNanos(life, rekeyMargin);
                long jitter = SaLifetimes.Span.jitterNanos(life, rekeyJitter);
                if (margin + jitter >= life) {
                    throw new ConfigValueException(rekeyMargin != null ? "rekeyMargin" : "rekeyJitter",
                            "expected rekeyMargin + rekeyJitter below " + name + " (" + text(life) + "), got "
                                    + text(margin) + " + " + text(jitter));
                }
            }
        }

        private static void checkLifetime(Duration lifetime, String field) {
            if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
                throw new ConfigValueException(field, "expected 10s..30d, got " + text(lifetime.toNanos()));
            }
        }

        private static String text(long nanos) {
            return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s" : nanos / 1_000_000L + "ms";
        }

        /** The engine's view of these settings. */
        public SaLifetimes toSaLifetimes() {
            return new SaLifetimes(SaLifetimes.Span.of(ikeSa, rekeyMargin, rekeyJitter),
                    SaLifetimes.Span.of(childSa, rekeyMargin, rekeyJitter),
                    childSaBytes == null ? 0 : childSaBytes, dpdInterval.toNanos(), reauth.toNanos());
        }
    }

}
