package dev.quetzal.runtime.config;

import dev.quetzal.api.config.ConfigValueException;
import java.time.Duration;

/**
 * The gateway's own settings: everything at the top of the config file except the components.
 *
 * @param shutdownTimeout how long components get to close before the process exits anyway,
 *     100ms..5m (default {@link #DEFAULT_SHUTDOWN_TIMEOUT})
 * @param routes the route set offered to clients (default {@link RouteSettings#defaults()})
 * @param napt translation of clients onto the uplink's address (default {@link NaptSettings#defaults()}: off)
 */
public record GatewaySettings(
        AddressPoolSettings addressPool, StatusSettings status, BufferSettings buffers, Duration shutdownTimeout,
        RouteSettings routes, NaptSettings napt) {
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration MIN_SHUTDOWN_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofMinutes(5);

    public GatewaySettings {
        if (addressPool == null) {
            addressPool = AddressPoolSettings.defaults();
        }
        if (status == null) {
            status = StatusSettings.defaults();
        }
        if (buffers == null) {
            buffers = BufferSettings.defaults();
        }
        if (routes == null) {
            routes = RouteSettings.defaults();
        }
        if (napt == null) {
            napt = NaptSettings.defaults();
        }
        if (shutdownTimeout == null) {
            shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        }
        if (shutdownTimeout.compareTo(MIN_SHUTDOWN_TIMEOUT) < 0 || shutdownTimeout.compareTo(MAX_SHUTDOWN_TIMEOUT) > 0) {
            throw new ConfigValueException("shutdownTimeout", "expected " + DurationText.format(MIN_SHUTDOWN_TIMEOUT)
                    + ".." + DurationText.format(MAX_SHUTDOWN_TIMEOUT) + ", got " + DurationText.format(shutdownTimeout));
        }
    }

    /** Settings without NAPT (it stays off). */
    public GatewaySettings(AddressPoolSettings addressPool, StatusSettings status, BufferSettings buffers,
            Duration shutdownTimeout, RouteSettings routes) {
        this(addressPool, status, buffers, shutdownTimeout, routes, null);
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(null, null, null, null, null, null);
    }
}
