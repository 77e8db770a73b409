package dev.quetzal.plugin.fortivpn.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body in field order (the FortiGate's clients send
 * fields in a fixed order; keep it). {@link #toString()} shows names only, values may be passwords.
 */
public final class FormBody {
    private final List<String[]> fields = new ArrayList<>();

    public FormBody add(String name, String value) {
        fields.add(new String[] {name, value == null ? "" : value});
        return this;
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (String[] field : fields) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field[1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** The fields of a query string or urlencoded body, first value per name, in order. */
    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A stray % in a server's text: keep it raw rather than fail the whole answer.
                values.putIfAbsent(name, value);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "FormBody" + fields.stream().map(f -> f[0]).toList();
    }
}
