package dev.quetzal.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulator a test talks to, started and closed for it; register with {@code @RegisterExtension}.
 * On a static field, one emulator from the given configuration serves the whole class; on an instance
 * field, each test gets its own, from the given configuration or from {@link #start}, closed after it.
 */
final class EmulatorFixture implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final EmulatorConfig.Builder config;
    private boolean perClass;
    private FortiGateEmulator emulator;

    private EmulatorFixture(EmulatorConfig.Builder config) {
        this.config = config;
    }

    /** The configuration most tests use: one user, alice with password secret. */
    static EmulatorConfig.Builder alice() {
        return EmulatorConfig.builder().user("alice", "secret");
    }

    /** Starts an emulator from {@code config} before the class's (static field) or each test's (instance field) run. */
    static EmulatorFixture startedWith(EmulatorConfig.Builder config) {
        return new EmulatorFixture(config);
    }

    /** Starts nothing by itself: each test calls {@link #start} with its own configuration. */
    static EmulatorFixture onDemand() {
        return new EmulatorFixture(null);
    }

    FortiGateEmulator start(EmulatorConfig.Builder config) throws Exception {
        emulator = FortiGateEmulator.start(config.build());
        return emulator;
    }

    FortiGateEmulator emulator() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        if (config != null) {
            start(config);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass && config != null) {
            start(config);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void close() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
