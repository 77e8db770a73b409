package dev.quetzal.api.net;

import java.util.Objects;

/**
 * A destination that goes through the tunnel ({@link Kind#INCLUDE}) or explicitly not ({@link
 * Kind#EXCLUDE}, FortiVPN's "negate" routes), and who said so.
 *
 * @param source the publisher, for the status page: for example {@code "fortivpn"} or {@code
 *     "split-dns:intranet.example.com"}
 */
public record Route(IpPrefix prefix, Kind kind, String source) {
    public enum Kind {
        INCLUDE,
        EXCLUDE
    }

    public Route {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    public static Route include(IpPrefix prefix, String source) {
        return new Route(prefix, Kind.INCLUDE, source);
    }

    public static Route exclude(IpPrefix prefix, String source) {
        return new Route(prefix, Kind.EXCLUDE, source);
    }
}
