package dev.quetzal.plugin.ikev2.frontend;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What component tests read from a running frontend, and their bounded wait for it. */
final class FrontendProbe {
    private FrontendProbe() {
    }

    /** Polls {@code condition} every 10 ms for at most {@code limit}. */
    static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** The engine's status, as the status page shows it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> engine(Ikev2Frontend frontend) {
        return (Map<String, Object>) frontend.status().get("engine");
    }

    /** One of the engine's counters, 0 when it never counted. */
    @SuppressWarnings("unchecked")
    static long engineCounter(Ikev2Frontend frontend, String name) {
        return ((Map<String, Long>) engine(frontend).get("counters")).getOrDefault(name, 0L);
    }
}
