package dev.quetzal.runtime.cli.routes;

import dev.quetzal.api.net.Route;
import java.util.Locale;

/** The text {@code quetzal routes} prints: one line per route, then the DNS domains. */
public final class RouteListing {
    private RouteListing() {}

    public static String render(StatusRoutes status) {
        StringBuilder text = new StringBuilder(64 + 64 * status.routes().size());
        text.append("route set version ").append(status.version()).append(": ")
                .append(status.isFullTunnel() ? "full tunnel (no include routes: everything goes through the tunnel)"
                        : "split tunnel")
                .append(", ").append(status.routes().size()).append(status.routes().size() == 1 ? " route" : " routes")
                .append('\n');
        int width = status.routes().stream().mapToInt(route -> route.prefix().toString().length()).max().orElse(0);
        for (Route route : status.routes()) {
            String prefix = route.prefix().toString();
            text.append(prefix).append(" ".repeat(width - prefix.length() + 2))
                    .append(String.format(Locale.ROOT, "%-9s", route.kind().name().toLowerCase(Locale.ROOT)))
                    .append(route.source()).append('\n');
        }
        if (status.leftOut() > 0) {
            text.append(status.leftOut()).append(status.leftOut() == 1 ? " more route" : " more routes")
                    .append(" left out over the gateway's routes.maxRoutes (see its log)\n");
        }
        text.append("DNS domains: ").append(status.dnsDomains().isEmpty() ? "none" : String.join(", ", status.dnsDomains()))
                .append('\n');
        return text.toString();
    }
}
