package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.Ikev2Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The factory makes the frontend only when given an engine (issue 4 §1: the state machines come separately). */
final class Ikev2FactoryTest {
    private final TestContext context = new TestContext();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    @DisplayName("issue 4: without an engine the factory still refuses; with one it builds the frontend")
    void refusesWithoutAnEngine() {
        Ikev2Config config = new Ikev2Config(null, null, null, null);
        assertThrows(ComponentNotAvailableException.class, () -> new Ikev2Factory().create(config, context));
        try (var frontend = new Ikev2Factory(FakeEngine::new).create(config, context)) {
            assertInstanceOf(Ikev2Frontend.class, frontend);
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.23 ports: ikePort and natPort may not be one port unless singlePort says so")
    void samePortNeedsSinglePort() {
        assertThrows(IllegalArgumentException.class, () -> new Ikev2Config(null, 4500, 4500, false));
        new Ikev2Config(null, 4500, 4500, true);
    }
}
