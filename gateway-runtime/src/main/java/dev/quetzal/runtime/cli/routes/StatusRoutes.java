package dev.quetzal.runtime.cli.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import dev.quetzal.runtime.service.DnsDomains;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The route set of a running gateway as its {@code /status} shows it, checked: every prefix an RFC
 * 4632 prefix, every kind include or exclude, every domain a DNS name, every DNS server an address.
 *
 * @param version the registry's version of the set
 * @param routes the routes clients get, in the gateway's order
 * @param dnsDomains the split-DNS domains
 * @param leftOut routes the gateway's {@code routes.maxRoutes} cap left out
 * @param uplinkState the uplink's state word, such as {@code connected}
 * @param dnsServers the uplink's DNS servers; empty unless it is connected
 */
public record StatusRoutes(
        long version, List<Route> routes, List<String> dnsDomains, int leftOut, String uplinkState,
        List<IpAddress> dnsServers) {
    public StatusRoutes {
        routes = List.copyOf(routes);
        dnsDomains = List.copyOf(dnsDomains);
        Objects.requireNonNull(uplinkState, "uplinkState");
        dnsServers = List.copyOf(dnsServers);
    }

    /** True when no include route is published: everything goes through the tunnel. */
    public boolean isFullTunnel() {
        return routes.stream().noneMatch(route -> route.kind() == Route.Kind.INCLUDE);
    }

    /**
     * Reads the {@code routes} and {@code uplink} sections of a {@code /status} document.
     *
     * @throws IllegalArgumentException {@code $.path: expected ..., got ...} for the first thing that
     *     is not what {@code /status} serves
     */
    public static StatusRoutes parse(JsonNode status) {
        JsonNode routesSection = object(status, "$", "routes");
        JsonNode uplink = object(status, "$", "uplink");
        JsonNode list = required(routesSection, "$.routes", "routes");
        if (!list.isArray()) {
            throw problem("$.routes.routes", "a list of routes", list);
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            routes.add(route(list.get(i), "$.routes.routes[" + i + "]"));
        }
        // A gateway before API 1.2 has no dnsDomains: it has no domains to offer.
        List<String> domains = texts(optionalList(routesSection, "$.routes", "dnsDomains"), "$.routes.dnsDomains",
                "a DNS domain name", DnsDomains::normalise);
        JsonNode version = required(routesSection, "$.routes", "version");
        if (!version.canConvertToExactIntegral() || !version.canConvertToLong() || version.asLong() < 0) {
            throw problem("$.routes.version", "a route set version (a whole number >= 0)", version);
        }
        // Older gateways have no cap: nothing left out.
        JsonNode leftOut = routesSection.path("leftOut");
        boolean hasLeftOut = !leftOut.isMissingNode() && !leftOut.isNull();
        if (hasLeftOut && (!leftOut.canConvertToExactIntegral() || !leftOut.canConvertToInt() || leftOut.asInt() < 0)) {
            throw problem("$.routes.leftOut", "a count of routes (a whole number >= 0)", leftOut);
        }
        String state = text(required(uplink, "$.uplink", "state"), "$.uplink.state", "the uplink's state");
        // Only a connected uplink has DNS servers.
        List<IpAddress> servers = texts(optionalList(uplink, "$.uplink", "dnsServers"), "$.uplink.dnsServers",
                "an IP address", IpAddress::parse);
        return new StatusRoutes(version.asLong(), routes, domains, hasLeftOut ? leftOut.asInt() : 0,
                Printable.of(state), servers);
    }

    private static Route route(JsonNode node, String path) {
        if (!node.isObject()) {
            throw problem(path, "a route object with prefix, kind and source", node);
        }
        String prefixText = text(required(node, path, "prefix"), path + ".prefix", "an IP prefix");
        IpPrefix prefix = parsed(prefixText, path + ".prefix", IpPrefix::parse);
        String kind = text(required(node, path, "kind"), path + ".kind", "include or exclude");
        Route.Kind parsed = switch (kind) {
            case "include" -> Route.Kind.INCLUDE;
            case "exclude" -> Route.Kind.EXCLUDE;
            default -> throw problem(path + ".kind", "include or exclude", node.get("kind"));
        };
        String source = text(required(node, path, "source"), path + ".source", "the route's source");
        return new Route(prefix, parsed, Printable.of(source));
    }

    /** Each string of {@code elements} parsed; the first that fails is reported with its path. */
    private static <T> List<T> texts(List<JsonNode> elements, String path, String expected, Function<String, T> parser) {
        List<T> values = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = path + "[" + i + "]";
            values.add(parsed(text(elements.get(i), elementPath, expected), elementPath, parser));
        }
        return values;
    }

    private static <T> T parsed(String text, String path, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static JsonNode object(JsonNode parent, String path, String name) {
        if (!parent.isObject()) {
            throw problem(path, "the JSON object of the gateway's /status", parent);
        }
        JsonNode node = required(parent, path, name);
        if (!node.isObject()) {
            throw problem(path + "." + name, "an object", node);
        }
        return node;
    }

    private static JsonNode required(JsonNode parent, String path, String name) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException(path + "." + name + ": missing (is this the /status of quetzal?)");
        }
        return node;
    }

    /** The elements of an optional list; absent or null is empty, anything else but a list is an error. */
    private static List<JsonNode> optionalList(JsonNode parent, String path, String name) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw problem(path + "." + name, "a list", node);
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    private static String text(JsonNode node, String path, String expected) {
        if (!node.isTextual()) {
            throw problem(path, expected + " as a string", node);
        }
        return node.asText();
    }

    private static IllegalArgumentException problem(String path, String expected, JsonNode found) {
        String got = found == null || found.isMissingNode() ? "nothing" : Printable.of(found.toString());
        if (got.length() > 60) {
            got = got.substring(0, 57) + "...";
        }
        return new IllegalArgumentException(path + ": expected " + expected + ", got " + got);
    }
}
