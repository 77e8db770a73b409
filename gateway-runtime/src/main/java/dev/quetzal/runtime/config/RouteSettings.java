package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.config.ConfigValueException;

/**
 * The route set offered to clients ({@code "routes"}).
 *
 * @param maxRoutes the most routes (after aggregation) sent to clients, 1..65535 (default {@value
 *     #DEFAULT_MAX_ROUTES}); over it the most specific prefixes are left out with a warning
 */
public record RouteSettings(int maxRoutes) {
    public static final int DEFAULT_MAX_ROUTES = 256;
    public static final int MAX_MAX_ROUTES = 65535;

    public RouteSettings {
        ConfigValueException.checkRange(maxRoutes, 1, MAX_MAX_ROUTES, "maxRoutes");
    }

    public static RouteSettings defaults() {
        return fromJson(null);
    }

    // An int component cannot tell "absent" from 0; JSON binds through a boxed value instead.
    @JsonCreator
    static RouteSettings fromJson(@JsonProperty("maxRoutes") Integer maxRoutes) {
        return new RouteSettings(maxRoutes == null ? DEFAULT_MAX_ROUTES : maxRoutes);
    }
}
