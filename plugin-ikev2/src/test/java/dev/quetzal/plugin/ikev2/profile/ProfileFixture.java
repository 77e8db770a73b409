package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quetzal.plugin.ikev2.certs.CertsCommand;
import dev.quetzal.plugin.ikev2.certs.TestCommandContext;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PKI made by {@code quetzal certs} (CA, gateway vpn.test, client alice@vpn.test with a known PKCS#12 password)
 * and a gateway config in {@code dir}, and runs of {@code quetzal profile} against them.
 */
final class ProfileFixture {
    static final String SERVER = "vpn.test";
    static final String CLIENT = "alice@vpn.test";
    static final String P12_PASSWORD = "correct horse";

    record Run(int status, String out, String err) {}

    private final Path dir;

    private ProfileFixture(Path dir) {
        this.dir = dir;
    }

    /** The PKI in {@code dir/pki} and {@code dir/clients}, and a config {@code dir/gateway.json} with {@code frontendExtra}. */
    static ProfileFixture create(Path dir, String frontendExtra, String filters, String backend) throws Exception {
        ProfileFixture fixture = new ProfileFixture(dir);
        fixture.certs("ca", "--out", "pki", "--key", "ecdsa-p256");
        fixture.certs("server", "--ca", "pki", "--out", "pki", "--name", SERVER);
        fixture.certs("client", "--ca", "pki", "--out", "clients", "--name", CLIENT, "--p12-password-env", "P12");
        fixture.writeConfig(frontendExtra, filters, backend);
        return fixture;
    }

    static ProfileFixture create(Path dir) throws Exception {
        return create(dir, "", "", null);
    }

    Path dir() {
        return dir;
    }

    /** A config with the status endpoint off, so no gateway running on this host is asked for its routes. */
    void writeConfig(String frontendExtra, String filters, String backend) throws Exception {
        writeConfig(frontendExtra, filters, backend, "{\"enabled\": false}");
    }

    void writeConfig(String frontendExtra, String filters, String backend, String status) throws Exception {
        Files.writeString(dir.resolve("gateway.json"), """
                {
                  "frontends": [{"type": "raw-udp", "listen": "127.0.0.1:5555"},
                                {"type": "ikev2", "certificate": "pki/vpn.test.pem", "key": "pki/vpn.test-key.pem",
                                 "clientCa": "pki/ca.pem"%s}],
                  "backend": %s,
                  "filters": [%s],
                  "status": %s
                }
                """.formatted(frontendExtra, backend == null ? "{\"type\": \"raw-udp\", \"peer\": \"127.0.0.1:5556\"}"
                : backend, filters, status));
    }

    private void certs(String... args) throws Exception {
        TestCommandContext context = new TestCommandContext(dir, Map.of("P12", P12_PASSWORD));
        int status = new CertsCommand().run(context, List.of(args));
        assertEquals(0, status, context.errText());
    }

    /** {@code quetzal profile PLATFORM --client clients/alice@vpn.test --config gateway.json --out out ARGS...}. */
    Run profile(String platform, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(platform, "--client", "clients/" + CLIENT, "--config", "gateway.json",
                "--out", "out"));
        args.addAll(List.of(more));
        return run(args);
    }

    Run run(List<String> args) throws Exception {
        TestCommandContext context = new TestCommandContext(dir, Map.of());
        int status = new ProfileCommand().run(context, args);
        return new Run(status, context.outText(), context.errText());
    }

    Path out(String name) {
        return dir.resolve("out").resolve(name);
    }

    String outText(String name) throws Exception {
        return Files.readString(out(name));
    }

    /** A PKCS#12 as the client's password opens it. */
    static KeyStore pkcs12(byte[] content) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(content), P12_PASSWORD.toCharArray());
        return store;
    }
}
