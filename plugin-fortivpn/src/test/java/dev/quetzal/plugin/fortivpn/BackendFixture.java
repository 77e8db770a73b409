package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.Map;

/**
 * The in-process FortiGate emulator and the backend under test, for the tests that run the backend
 * against it (protocol notes §2-§7). {@link #close()} closes the backend first, so its logout still
 * reaches the emulator, then the emulator.
 */
final class BackendFixture implements AutoCloseable {
    private FortiGateEmulator emulator;
    private Backend backend;

    /** The configuration most tests use: one user, alice with password secret. */
    static EmulatorConfig.Builder alice() {
        return EmulatorConfig.builder().user("alice", "secret");
    }

    FortiGateEmulator startEmulator(EmulatorConfig.Builder config) throws Exception {
        emulator = FortiGateEmulator.start(config.build());
        return emulator;
    }

    FortiGateEmulator emulator() {
        return emulator;
    }

    Backend backend() {
        return backend;
    }

    /**
     * The backend's config as the gateway loads it from JSON: the emulator's address, TLS trusting only
     * its pin, then {@code fields} (login and tuning fields, comma-separated).
     */
    FortiVpnConfig config(Path folder, String fields) throws Exception {
        LoadedConfig loaded = GatewayHarness.load(folder, """
                {"frontends": [{"type": "test-frontend", "listen": "127.0.0.1:0"}],
                 "backend": {"type": "fortivpn", "server": "127.0.0.1:%d",
                             "tls": {"pins": ["%s"], "systemTrust": false}, %s}}
                """.formatted(emulator.address().getPort(), emulator.certificatePin(), fields), Map.of());
        return (FortiVpnConfig) loaded.backend().config();
    }

    /** Creates (does not start) the backend from {@link #config(Path, String)}. */
    Backend createBackend(Path folder, String fields, BackendContext context) throws Exception {
        return use(new FortiVpnFactory().create(config(folder, fields), context));
    }

    /** Takes {@code created} as the backend to close after the test. */
    Backend use(Backend created) {
        backend = created;
        return created;
    }

    /** Closes the backend now; {@link #close()} then leaves it alone. */
    void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    @Override
    public void close() {
        closeBackend();
        if (emulator != null) {
            emulator.close();
        }
    }
}
