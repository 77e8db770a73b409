package dev.quetzal.api;

import java.util.Map;

/**
 * Lifecycle of everything a factory creates.
 *
 * <p>The runtime calls {@link #start()} once, then {@link #close()} once, both from the control
 * thread. {@code close} is also called when {@code start} threw, and when {@code start} was never
 * called because an earlier component failed to start; it must therefore tolerate a partly started
 * or unstarted component, release every socket, thread and file, and not throw.
 */
public interface Component extends AutoCloseable {
    /** Opens sockets, starts threads. May block for a bounded time; throw to abort the gateway's start. */
    default void start() throws Exception {}

    /** Stops and releases everything; idempotent, never throws, returns within a few seconds. */
    @Override
    void close();

    /**
     * A snapshot for the status endpoint, made of strings, numbers, booleans, lists and maps. Called
     * from the status endpoint's thread at any time, so it must be thread-safe and cheap. Never
     * include secrets.
     */
    default Map<String, Object> status() {
        return Map.of();
    }
}
