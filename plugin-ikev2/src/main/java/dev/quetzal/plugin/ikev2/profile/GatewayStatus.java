package dev.quetzal.plugin.ikev2.profile;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running gateway's route set from its {@code /status} ({@code routes.routes[]} with prefix, kind and source,
 * {@code routes.dnsDomains}, {@code uplink.dnsServers}), the same document {@code quetzal routes} reads. A gateway
 * that does not answer, or answers with something else, gives nothing: the profile then uses the config.
 */
final class GatewayStatus {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_ROUTES = 65_535;

    private GatewayStatus() {}

    static Optional<WindowsRoutes> fetch(URI url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try (http) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body(), url) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<WindowsRoutes> parse(String body, URI url) {
        if (!(JsonText.parse(body) instanceof Map<?, ?> status) || !(status.get("routes") instanceof Map<?, ?> routes)
                || !(routes.get("routes") instanceof List<?> list) || list.size() > MAX_ROUTES) {
            return Optional.empty();
        }
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> route) || !(route.get("prefix") instanceof String prefix)
                    || !prefix.matches("[0-9A-Fa-f:.]+/\\d{1,3}")) {
                return Optional.empty();
            }
            switch (String.valueOf(route.get("kind"))) {
                case "include" -> includes.add(prefix);
                case "exclude" -> excludes.add(prefix);
                default -> {
                    return Optional.empty();
                }
            }
        }
        List<String> domains = strings(routes.get("dnsDomains"), "[A-Za-z0-9.-]+");
        List<String> servers = status.get("uplink") instanceof Map<?, ?> uplink
                ? strings(uplink.get("dnsServers"), "[0-9A-Fa-f:.]+") : List.of();
        String version = routes.get("version") instanceof BigDecimal number ? " (route set version " + number + ")" : "";
        return Optional.of(new WindowsRoutes("the running gateway's " + url + version, includes, excludes, domains,
                servers, List.of()));
    }

    /** The strings of a list that look like {@code pattern}; names and addresses end up in a script. */
    private static List<String> strings(Object value, String pattern) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && text.matches(pattern)) {
                    strings.add(text);
                }
            }
        }
        return strings;
    }
}
