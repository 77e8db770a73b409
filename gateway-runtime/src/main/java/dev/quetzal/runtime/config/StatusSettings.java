package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quetzal.api.net.HostPort;

/**
 * The HTTP status endpoint and page ({@code "status"}).
 *
 * @param enabled defaults to true
 * @param listen defaults to {@link #DEFAULT_LISTEN}: loopback only, since the page shows clients and
 *     routes and answers sign-in prompts
 * @param requireToken every request needs the access token printed at start; always so when {@code
 *     listen} is not a loopback address (default false)
 */
public record StatusSettings(boolean enabled, HostPort listen, boolean requireToken) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8964);

    public StatusSettings {
        if (listen == null) {
            listen = DEFAULT_LISTEN;
        }
    }

    public StatusSettings(boolean enabled, HostPort listen) {
        this(enabled, listen, false);
    }

    public static StatusSettings defaults() {
        return fromJson(null, null, null);
    }

    // A boolean component cannot tell "absent" from false; JSON binds through boxed values instead.
    @JsonCreator
    static StatusSettings fromJson(@JsonProperty("enabled") Boolean enabled, @JsonProperty("listen") HostPort listen,
            @JsonProperty("requireToken") Boolean requireToken) {
        return new StatusSettings(enabled == null || enabled, listen, requireToken != null && requireToken);
    }
}
