package dev.quetzal.plugin.ikev2.profile;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link GatewaySettings} from the gateway's JSON config (the README's "Configuration"): the first {@code ikev2}
 * frontend, the {@code split-dns} and {@code nat64} filters and the backend. Only what profiles need is read; {@code
 * quetzal check-config} validates the rest. Relative paths are relative to the config file's folder, as for the
 * gateway. Errors name the file and the JSON path.
 */
final class GatewayConfigReader {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Duration DEFAULT_IKE_LIFETIME = Duration.ofHours(4);
    private static final Duration DEFAULT_CHILD_LIFETIME = Duration.ofHours(1);
    private static final String DEFAULT_NAT64_PREFIX = "64:ff9b:1::/96";
    private static final String DEFAULT_STATUS_LISTEN = "127.0.0.1:8964";

    private final Path file;

    private GatewayConfigReader(Path file) {
        this.file = file;
    }

    static GatewaySettings read(Path file) throws ProfileFailure {
        return new GatewayConfigReader(file).read();
    }

    private GatewaySettings read() throws ProfileFailure {
        Object root;
        try {
            root = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "--config: " + file + " does not exist");
        } catch (IOException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "--config: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, file + ": not JSON: " + e.getMessage());
        }
        Map<?, ?> config = object(root, "$");
        Map<?, ?> frontend = ikev2Frontend(config);
        String path = "$.frontends[" + list(config.get("frontends"), "$.frontends").indexOf(frontend) + "]";

        X509Certificate certificate = certificate(frontend, path);
        String identity = text(frontend.get("identity"), path + ".identity");
        if (identity == null) {
            identity = firstDnsName(certificate).orElseThrow(() -> new ProfileFailure(ProfileFailure.BAD_INPUT,
                    file + ": " + path + ".identity: not set and the certificate has no DNS name"));
        }
        boolean singlePort = Boolean.TRUE.equals(frontend.get("singlePort"));
        int port = singlePort ? number(frontend.get("natPort"), path + ".natPort", 4500)
                : number(frontend.get("ikePort"), path + ".ikePort", 500);

        List<ProfileSuite> suites = new ArrayList<>();
        List<String> names = strings(frontend.get("suites"), path + ".suites");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            suites.add(ProfileSuite.byName(name).orElseThrow(() -> new ProfileFailure(ProfileFailure.BAD_INPUT,
                    file + ": " + path + ".suites: unknown suite \"" + name + "\"")));
        }
        if (suites.isEmpty()) {
            suites.addAll(ProfileSuite.defaults());
        }
        Map<?, ?> lifetimes = frontend.get("lifetimes") == null ? Map.of() : object(frontend.get("lifetimes"), path + ".lifetimes");
        Duration ike = duration(lifetimes.get("ikeSa"), path + ".lifetimes.ikeSa", DEFAULT_IKE_LIFETIME);
        Duration child = duration(lifetimes.get("childSa"), path + ".lifetimes.childSa", DEFAULT_CHILD_LIFETIME);
        boolean mobike = !Boolean.FALSE.equals(frontend.get("mobike"));
        return new GatewaySettings(identity, certificate, port, suites, ike, child, mobike, routes(config), file,
                statusUrl(config));
    }

    /** Where the gateway serves /status on this host (README "Configuration": status.enabled, status.listen). */
    private Optional<URI> statusUrl(Map<?, ?> config) throws ProfileFailure {
        Map<?, ?> status = config.get("status") == null ? Map.of() : object(config.get("status"), "$.status");
        if (Boolean.FALSE.equals(status.get("enabled"))) {
            return Optional.empty();
        }
        String listen = text(status.get("listen"), "$.status.listen");
        listen = listen == null ? DEFAULT_STATUS_LISTEN : listen;
        // A wildcard listener is reached on loopback.
        listen = listen.replaceFirst("^0\\.0\\.0\\.0:", "127.0.0.1:").replaceFirst("^\\[::]:", "[::1]:");
        try {
            return Optional.of(URI.create("http://" + listen + "/status"));
        } catch (IllegalArgumentException e) {
            throw wrong("$.status.listen", "host:port");
        }
    }

    private Map<?, ?> ikev2Frontend(Map<?, ?> config) throws ProfileFailure {
        List<?> frontends = list(config.get("frontends"), "$.frontends");
        for (Object frontend : frontends) {
            if (frontend instanceof Map<?, ?> map && "ikev2".equals(map.get("type"))) {
                return map;
            }
        }
        throw new ProfileFailure(ProfileFailure.BAD_INPUT, file + ": $.frontends: no frontend of type ikev2");
    }

    private X509Certificate certificate(Map<?, ?> frontend, String path) throws ProfileFailure {
        String name = text(frontend.get("certificate"), path + ".certificate");
        if (name == null) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, file + ": " + path + ".certificate: missing");
        }
        Path pem = resolve(name);
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> chain =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (chain.isEmpty()) {
                throw new ProfileFailure(ProfileFailure.BAD_INPUT, path + ".certificate: " + pem + " holds no certificate");
            }
            return (X509Certificate) chain.iterator().next();
        } catch (NoSuchFileException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, file + ": " + path + ".certificate: " + pem + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, path + ".certificate: cannot read " + pem + ": " + e.getMessage());
        }
    }

    private GatewaySettings.ConfiguredRoutes routes(Map<?, ?> config) throws ProfileFailure {
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<String> dynamic = new ArrayList<>();
        Map<?, ?> backend = config.get("backend") == null ? Map.of() : object(config.get("backend"), "$.backend");
        Object backendType = backend.get("type");
        if ("fortivpn".equals(backendType)) {
            dynamic.add("the fortivpn backend's split routes");
        }
        if ("tun".equals(backendType)) {
            includes.addAll(strings(backend.get("routes"), "$.backend.routes"));
        }
        List<?> filters = config.get("filters") == null ? List.of() : list(config.get("filters"), "$.filters");
        for (int i = 0; i < filters.size(); i++) {
            String path = "$.filters[" + i + "]";
            Map<?, ?> filter = object(filters.get(i), path);
            if ("split-dns".equals(filter.get("type"))) {
                List<String> tunnelDomains = strings(filter.get("tunnelDomains"), path + ".tunnelDomains");
                List<String> statics = strings(filter.get("staticRoutes"), path + ".staticRoutes");
                if (!tunnelDomains.isEmpty()) {
                    dynamic.add("split-dns answers for " + String.join(", ", tunnelDomains));
                }
                if (!tunnelDomains.isEmpty() || !statics.isEmpty()) {
                    includes.addAll(statics);
                    for (String server : strings(backend.get("dnsServers"), "$.backend.dnsServers")) {
                        includes.add(server + (server.contains(":") ? "/128" : "/32"));
                    }
                }
                excludes.addAll(strings(filter.get("excludeRoutes"), path + ".excludeRoutes"));
                List<String> dnsDomains = filter.get("dnsDomains") == null ? tunnelDomains
                        : strings(filter.get("dnsDomains"), path + ".dnsDomains");
                domains.addAll(dnsDomains);
            } else if ("nat64".equals(filter.get("type"))) {
                String prefix = text(filter.get("prefix"), path + ".prefix");
                includes.add(prefix == null ? DEFAULT_NAT64_PREFIX : prefix);
            }
        }
        return new GatewaySettings.ConfiguredRoutes(includes.stream().distinct().toList(), excludes,
                domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList(), dynamic);
    }

    private static Optional<String> firstDnsName(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(2).equals(name.get(0))) { // dNSName, RFC 5280 §4.2.1.6
                        return Optional.of((String) name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Path resolve(String name) {
        Path path = Path.of(name);
        Path folder = file.toAbsolutePath().getParent();
        return path.isAbsolute() || folder == null ? path : folder.resolve(path);
    }

    private Map<?, ?> object(Object value, String path) throws ProfileFailure {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw wrong(path, "an object");
    }

    private List<?> list(Object value, String path) throws ProfileFailure {
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrong(path, "a list");
    }

    private String text(Object value, String path) throws ProfileFailure {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrong(path, "a string");
    }

    private List<String> strings(Object value, String path) throws ProfileFailure {
        if (value == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        List<?> list = list(value, path);
        for (int i = 0; i < list.size(); i++) {
            strings.add(text(list.get(i), path + "[" + i + "]"));
        }
        return strings;
    }

    private int number(Object value, String path, int fallback) throws ProfileFailure {
        if (value == null) {
            return fallback;
        }
        if (value instanceof BigDecimal number) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw wrong(path, "a whole number");
            }
        }
        throw wrong(path, "a number");
    }

    private Duration duration(Object value, String path, Duration fallback) throws ProfileFailure {
        String text = text(value, path);
        if (text == null) {
            return fallback;
        }
        Matcher match = SHORT_DURATION.matcher(text);
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw wrong(path, "a duration such as 30s, 20m or 4h");
        }
    }

    private ProfileFailure wrong(String path, String expected) {
        return new ProfileFailure(ProfileFailure.BAD_INPUT, file + ": " + path + ": expected " + expected);
    }
}
