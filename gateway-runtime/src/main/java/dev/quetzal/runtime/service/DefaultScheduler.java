package dev.quetzal.runtime.service;

import dev.quetzal.api.service.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers on two platform threads and blocking work on virtual threads. A failing task is logged and,
 * if periodic, keeps its schedule (a plain ScheduledExecutorService would silently cancel it).
 */
public final class DefaultScheduler implements Scheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DefaultScheduler.class);

    private final ScheduledExecutorService timers;
    private final ExecutorService blocking = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("quetzal-blocking-", 0).factory());

    public DefaultScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                2, Thread.ofPlatform().name("quetzal-timer-", 0).daemon().factory());
        // Cancelled timers leave the queue at once instead of waiting for their deadline.
        executor.setRemoveOnCancelPolicy(true);
        this.timers = executor;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = timers.schedule(guarded(task), nanos(delay), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        ScheduledFuture<?> future = timers.scheduleWithFixedDelay(
                guarded(task), nanos(initialDelay), period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public ExecutorService blockingExecutor() {
        return blocking;
    }

    private static long nanos(Duration delay) {
        return Math.max(0, delay.toNanos());
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("scheduled task {} failed: {}", task, e.toString(), e);
            }
        };
    }

    /** Cancels every timer and interrupts blocking work; returns without waiting for long. */
    @Override
    public void close() {
        timers.shutdownNow();
        blocking.shutdownNow();
        try {
            timers.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
