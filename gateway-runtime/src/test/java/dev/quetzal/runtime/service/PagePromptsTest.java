package dev.quetzal.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Questions answered on the status page (issue 9, OTP prompt on the sign-in page). */
@Timeout(30)
final class PagePromptsTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private final PagePrompts prompts = new PagePrompts(new SecureRandom());

    private PagePrompts.Open awaitOpen(String notId) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Optional<PagePrompts.Open> open = prompts.open();
            if (open.isPresent() && !open.get().id().equals(notId)) {
                return open.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no question opened");
    }

    @Test
    @DisplayName("the answer to the open question's id is returned to the asker; the question then closes")
    void answered() throws Exception {
        CompletableFuture<Optional<String>> asked = CompletableFuture.supplyAsync(() -> ask("code?"));
        PagePrompts.Open open = awaitOpen(null);
        assertEquals("code?", open.prompt());
        assertFalse(prompts.answer("not-" + open.id(), "000000"), "an unknown id answers nothing");
        assertTrue(prompts.answer(open.id(), "123456"));
        assertEquals(Optional.of("123456"), asked.get(10, TimeUnit.SECONDS));
        assertTrue(prompts.open().isEmpty());
        assertFalse(prompts.answer(open.id(), "123456"), "an answered question takes no second answer");
    }

    @Test
    @DisplayName("one question at a time, each with its own id: an answer to the first never answers the second")
    void oneAtATime() throws Exception {
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> ask("first"));
        PagePrompts.Open one = awaitOpen(null);
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> ask("second"));
        assertTrue(prompts.answer(one.id(), "1"));
        assertEquals(Optional.of("1"), first.get(10, TimeUnit.SECONDS));
        PagePrompts.Open two = awaitOpen(one.id());
        assertEquals("second", two.prompt());
        assertNotEquals(one.id(), two.id());
        assertFalse(prompts.answer(one.id(), "stale"));
        assertTrue(prompts.answer(two.id(), "2"));
        assertEquals(Optional.of("2"), second.get(10, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("nobody answers: empty, and the question is withdrawn from the page")
    void unanswered() throws Exception {
        assertEquals(Optional.empty(), prompts.ask("code?", Duration.ofMillis(50)));
        assertTrue(prompts.open().isEmpty());
    }

    private Optional<String> ask(String prompt) {
        try {
            return prompts.ask(prompt, LONG);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
