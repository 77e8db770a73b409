package dev.quetzal.api.service;

import java.time.Duration;
import java.util.Optional;

/**
 * Questions a component asks the person running the gateway, answered on the status page (a one-time
 * password, for example). At most one question is open at a time; a second {@link #ask} waits its
 * turn. Thread-safe.
 *
 * @since API 1.5
 */
public interface UserPrompts {
    /**
     * Shows {@code prompt} on the status page and blocks until someone answers it there or {@code
     * timeout} passes.
     *
     * @param prompt what to ask, shown as plain text (never a secret)
     * @return the answer, or empty when nobody answered in time
     * @throws InterruptedException when the caller is interrupted (the question is withdrawn)
     */
    Optional<String> ask(String prompt, Duration timeout) throws InterruptedException;
}
