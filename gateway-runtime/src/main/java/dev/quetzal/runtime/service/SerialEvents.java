package dev.quetzal.runtime.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that delivers control-plane notifications (route sets, backend states) in the order
 * they were made, so listeners never run concurrently with themselves and never on a publisher's
 * data-path thread.
 */
public final class SerialEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialEvents.class);

    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("quetzal-events").daemon().factory());

    /** Queues {@code event}; an exception it throws is logged and does not stop later events. */
    public void post(Runnable event) {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            try {
                event.run();
            } catch (RuntimeException e) {
                log.warn("listener failed: {}", e.toString(), e);
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
