package dev.quetzal.runtime.testing;

import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Time and timers that move only when a test says so: {@link #advance} moves the clock and runs, on
 * the test's thread and in due order, every task that falls due (periodic ones as often as they fall
 * due). Blocking work runs at once on the caller's thread. For plugin tests of keepalives,
 * lifetimes and retransmissions that finish in milliseconds.
 */
public final class ManualClock implements TimeSource, Scheduler {
    private final Instant start;
    private final List<Task> tasks = new ArrayList<>();
    private volatile long elapsedNanos;

    public ManualClock(Instant start) {
        this.start = start;
    }

    @Override
    public Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    @Override
    public long nanoTime() {
        return elapsedNanos;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        return add(new Task(new Object(), task, elapsedNanos + delay.toNanos(), 0));
    }

    @Override
    public synchronized Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(new Task(new Object(), task, elapsedNanos + initialDelay.toNanos(), period.toNanos()));
    }

    @Override
    public Executor blockingExecutor() {
        return Runnable::run;
    }

    /** Moves the clock forward by {@code duration}, running what falls due on the way. */
    public void advance(Duration duration) {
        long end = elapsedNanos + duration.toNanos();
        while (true) {
            Task next = nextDue(end);
            if (next == null) {
                break;
            }
            elapsedNanos = Math.max(elapsedNanos, next.due);
            next.task.run();
        }
        elapsedNanos = end;
    }

    /** Tasks still scheduled: not cancelled, and periodic or not yet run. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private synchronized Task nextDue(long end) {
        Task next = null;
        for (Task task : tasks) {
            if (task.due <= end && (next == null || task.due < next.due)) {
                next = task;
            }
        }
        if (next != null) {
            tasks.remove(next);
            if (next.period != 0) {
                tasks.add(new Task(next.handle, next.task, next.due + next.period, next.period));
            }
        }
        return next;
    }

    private Cancellable add(Task task) {
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.removeIf(t -> t.handle == task.handle);
            }
        };
    }

    /** @param handle identifies one scheduling across the re-runs of a periodic task */
    private record Task(Object handle, Runnable task, long due, long period) {}
}
