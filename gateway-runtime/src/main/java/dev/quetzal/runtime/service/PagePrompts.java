package dev.quetzal.runtime.service;

import dev.quetzal.api.service.UserPrompts;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link UserPrompts} answered through the status page: one open question at a time, named by a
 * random id so that an answer typed for an old question never answers a newer one.
 */
public final class PagePrompts implements UserPrompts {
    /** The open question as the page shows it; {@code id} comes back with the answer. */
    public record Open(String id, String prompt) {}

    private final Semaphore turn = new Semaphore(1, true);
    private final SecureRandom random;
    private Open open;
    private CompletableFuture<String> answer;

    public PagePrompts(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Optional<String> ask(String prompt, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!turn.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            CompletableFuture<String> future = new CompletableFuture<>();
            byte[] id = new byte[12];
            random.nextBytes(id);
            synchronized (this) {
                open = new Open(HexFormat.of().formatHex(id), prompt);
                answer = future;
            }
            return Optional.of(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an answer future is only ever completed normally", e);
        } finally {
            synchronized (this) {
                open = null;
                answer = null;
            }
            turn.release();
        }
    }

    /** The question waiting for an answer, if any. */
    public synchronized Optional<Open> open() {
        return Optional.ofNullable(open);
    }

    /** Answers the open question if its id is {@code id}; false when that question is no longer open. */
    public synchronized boolean answer(String id, String text) {
        if (open == null || !open.id().equals(id)) {
            return false;
        }
        answer.complete(text);
        open = null;
        answer = null;
        return true;
    }
}
