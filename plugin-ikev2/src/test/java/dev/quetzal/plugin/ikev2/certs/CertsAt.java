package dev.quetzal.plugin.ikev2.certs;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@code quetzal certs} as if run at another time, for certificates that expire. */
public final class CertsAt {
    private CertsAt() {}

    /** Runs {@code certs ARGS} at {@code instant} in {@code directory}; the exit status. */
    public static int run(Instant instant, Path directory, String... args) throws Exception {
        return new CertsCommand(Clock.fixed(instant, ZoneOffset.UTC), new SecureRandom())
                .run(new TestCommandContext(directory, Map.of()), List.of(args));
    }
}
