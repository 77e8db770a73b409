package dev.quetzal.examples.pcap;

import dev.quetzal.api.service.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Runs timer tasks only from {@link #advance}, on the test's thread, in due order. */
final class ManualScheduler implements Scheduler {
    private final ManualTimeSource time;
    private final List<Task> tasks = new ArrayList<>();

    ManualScheduler(ManualTimeSource time) {
        this.time = time;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        return add(new Task(new Object(), task, time.nanoTime() + delay.toNanos(), 0));
    }

    @Override
    public synchronized Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
        return add(new Task(new Object(), task, time.nanoTime() + initialDelay.toNanos(), period.toNanos()));
    }

    @Override
    public Executor blockingExecutor() {
        return Runnable::run;
    }

    /** Moves the clock forward and runs every task that falls due, periodic ones as often as they fall due. */
    void advance(Duration duration) {
        long end = time.nanoTime() + duration.toNanos();
        while (true) {
            Task next = nextDue(end);
            if (next == null) {
                break;
            }
            time.advance(Duration.ofNanos(next.due - time.nanoTime()));
            next.task.run();
        }
        time.advance(Duration.ofNanos(end - time.nanoTime()));
    }

    /** Tasks still scheduled: not cancelled, and periodic or not yet run. */
    synchronized int pendingTasks() {
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
