package dev.quetzal.emulator.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A response as read off the wire by {@link PortalClient}. */
public record RawResponse(String statusLine, int status, List<String[]> headers, byte[] body) {
    public String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (header[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                values.add(header[1]);
            }
        }
        return values;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The SVPNCOOKIE value of the Set-Cookie header, "" when cleared, null when absent. */
    public String svpnCookie() {
        for (String value : headers("Set-Cookie")) {
            if (value.startsWith("SVPNCOOKIE=")) {
                return value.substring("SVPNCOOKIE=".length(), value.indexOf(';'));
            }
        }
        return null;
    }
}
