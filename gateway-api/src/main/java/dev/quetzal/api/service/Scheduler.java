package dev.quetzal.api.service;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Timers and a place for blocking work.
 *
 * <p>Timer tasks run on a small shared pool: they must be short and must not block; an exception from
 * a task is logged and does not cancel other tasks (a periodic task keeps running). Its time follows
 * the context's {@link TimeSource}, so tests advance it by hand. Everything a component scheduled is
 * cancelled when the gateway stops; a component should still cancel its own timers in {@code close}.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}; a slow run delays the next. */
    Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task);

    /** Runs blocking work (DNS, TLS handshakes, HTTP logins), one virtual thread per task. */
    Executor blockingExecutor();

    /** A scheduled task; cancelling twice or after it ran is harmless. */
    interface Cancellable {
        void cancel();
    }
}
