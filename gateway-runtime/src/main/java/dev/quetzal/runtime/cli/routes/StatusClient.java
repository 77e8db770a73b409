package dev.quetzal.runtime.cli.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/** Reads a running gateway's {@code GET /status} (JSON, RFC 8259) over HTTP/1.1 (RFC 9110). */
public final class StatusClient {
    /** Where {@code status.listen} puts it by default. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8964/status";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Parses a {@code --status} value.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static URI parseUrl(String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("--status: expected an http:// URL like " + DEFAULT_URL + ", got \"" + text + "\"");
    }

    /**
     * The JSON document at {@code url}; any failure is one line that names the URL. A {@code ?token=} (the status
     * page's access token, when it listens beyond loopback) is sent as {@code Authorization: Bearer} and left out of
     * every message.
     */
    public JsonNode fetch(URI given) throws StatusException, InterruptedException {
        String token = queryToken(given);
        URI url = token == null ? given : URI.create(given.getScheme() + "://" + given.getRawAuthority() + given.getRawPath());
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StatusException("cannot reach the gateway's status endpoint at " + url + ": " + describe(e)
                    + " (is quetzal running with status.enabled, and is this its status.listen address?)", e);
        }
        if (response.statusCode() == 401) {
            throw new StatusException(url + ": the status endpoint needs its access token: add ?token=... from the"
                    + " gateway's start line (status page at ...) to the URL");
        }
        if (response.statusCode() != 200) {
            throw new StatusException(url + ": expected HTTP 200 with the gateway's status, got HTTP " + response.statusCode());
        }
        try {
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new StatusException(url + ": expected the gateway's status JSON, got invalid JSON" + where, e);
        }
    }

    private static String queryToken(URI url) {
        String query = url.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=") && pair.length() > 6) {
                    return pair.substring(6);
                }
            }
        }
        return null;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
