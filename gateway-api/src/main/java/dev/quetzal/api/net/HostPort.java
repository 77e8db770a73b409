package dev.quetzal.api.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host name or address literal with a port: {@code vpn.example.com:443}, {@code 127.0.0.1:4500},
 * {@code [::1]:500}. Port 0 means "any free port" where a component listens.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("expected host:port, got an empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("expected a port 0..65535, got " + port);
        }
    }

    @JsonCreator
    public static HostPort parse(String text) {
        String bad = "expected host:port, got " + (text == null ? "null" : "\"" + text + "\"");
        if (text == null) {
            throw new IllegalArgumentException(bad);
        }
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(bad);
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            if (!(IpAddress.parseOrNull(host) instanceof Ipv6Address)) {
                throw new IllegalArgumentException(bad);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException(bad);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (!isHostName(host)) {
                throw new IllegalArgumentException(bad);
            }
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(bad);
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw new IllegalArgumentException("expected a port 0..65535, got " + port + " in \"" + text + "\"");
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address; resolve it when connecting, so DNS changes are followed. */
    public InetSocketAddress toUnresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static boolean isHostName(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }

    @JsonValue
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
