package dev.quetzal.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} fields in the order sent; the first of repeated names
 * wins. Bad percent escapes are kept as text rather than failing the request.
 */
public record FormData(Map<String, String> fields, List<String> order) {
    public FormData {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        order = List.copyOf(order);
    }

    public static FormData parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!fields.containsKey(name)) {
                    fields.put(name, value);
                    order.add(name);
                }
            }
        }
        return new FormData(fields, order);
    }

    public String get(String name) {
        return fields.get(name);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The value, or "" when absent. */
    public String getOrEmpty(String name) {
        return fields.getOrDefault(name, "");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Field names only: the values include passwords and codes. */
    @Override
    public String toString() {
        return "FormData" + order;
    }
}
