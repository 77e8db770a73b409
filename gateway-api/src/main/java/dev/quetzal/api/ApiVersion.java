package dev.quetzal.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SPI, as {@code major.minor}.
 *
 * <p>A plugin jar records the version it was built against in its manifest attribute {@value
 * #MANIFEST_ATTRIBUTE}. The runtime loads it only when the majors are equal and the plugin's minor is
 * not newer than the runtime's: minors add default methods, majors break plugins.
 */
public record ApiVersion(int major, int minor) {
    /** Manifest attribute of a plugin jar that names the API version it was compiled against. */
    public static final String MANIFEST_ATTRIBUTE = "Quetzal-Api-Version";

    /** The version of the API classes on this class path. */
    public static final ApiVersion CURRENT;

    /** The Quetzal release these API classes come from, for {@code quetzal version}. */
    public static final String RELEASE;

    static {
        Properties properties = new Properties();
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("api-version.properties is missing from gateway-api");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CURRENT = parse(properties.getProperty("api.version"));
        RELEASE = properties.getProperty("quetzal.version");
    }

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("API version numbers must not be negative: " + major + "." + minor);
        }
    }

    /** Parses {@code "1.0"}; throws {@link IllegalArgumentException} naming the bad text. */
    public static ApiVersion parse(String text) {
        if (text != null) {
            String[] parts = text.trim().split("\\.");
            if (parts.length == 2) {
                try {
                    return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                } catch (NumberFormatException ignored) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("expected an API version like 1.0, got \"" + text + "\"");
    }

    /** Whether a plugin built against {@code pluginVersion} can run on this API version. */
    public boolean accepts(ApiVersion pluginVersion) {
        return pluginVersion.major == major && pluginVersion.minor <= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
