package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.CertsCommand;
import dev.quetzal.plugin.ikev2.certs.TestCommandContext;
import dev.quetzal.plugin.ikev2.setup.SuiteNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code quetzal profile} says about bad input (issue 9, "Device profiles"): the file or field, exit status 2. */
final class ProfileInputErrorsTest {
    @TempDir
    Path dir;

    private void assertFails(ProfileFixture.Run run, String expected) {
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(expected), "expected \"" + expected + "\" in: " + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    @DisplayName("issue 9: a missing client file, config file, ikev2 frontend, certificate file, unknown suite or bad"
            + " duration is named in one line")
    void namesTheProblem() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        Files.delete(dir.resolve("clients").resolve("alice@vpn.test.p12"));
        assertFails(fixture.profile("macos"), "alice@vpn.test.p12 does not exist");
        assertFails(fixture.run(List.of("linux", "--client", "clients/alice@vpn.test", "--config", "nope.json")),
                "nope.json does not exist");

        Files.writeString(dir.resolve("gateway.json"), "{\"frontends\": [{\"type\": \"raw-udp\"}], \"backend\": {}}");
        assertFails(fixture.profile("linux"), "$.frontends: no frontend of type ikev2");
        fixture.writeConfig(", \"suites\": [\"aes512\"]", "", null);
        assertFails(fixture.profile("linux"), "$.frontends[1].suites: unknown suite \"aes512\"");
        fixture.writeConfig(", \"lifetimes\": {\"ikeSa\": \"soon\"}", "", null);
        assertFails(fixture.profile("linux"), "$.frontends[1].lifetimes.ikeSa: expected a duration");
        Files.writeString(dir.resolve("gateway.json"), Files.readString(dir.resolve("gateway.json"))
                .replace("pki/vpn.test.pem", "pki/gone.pem").replace(", \"lifetimes\": {\"ikeSa\": \"soon\"}", ""));
        assertFails(fixture.profile("linux"), "$.frontends[1].certificate: " + dir.resolve("pki/gone.pem") + " does not exist");
        Files.writeString(dir.resolve("gateway.json"), "{\"frontends\": [");
        assertFails(fixture.profile("linux"), "not JSON: unexpected end at line 1");
    }

    @Test
    @DisplayName("issue 9: a gateway certificate from another CA than the client's is refused: devices would not"
            + " trust the gateway")
    void otherCa() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        TestCommandContext context = new TestCommandContext(dir, Map.of());
        assertEquals(0, new CertsCommand().run(context, List.of("ca", "--out", "other", "--name", "Other CA")));
        assertEquals(0, new CertsCommand().run(context, List.of("server", "--ca", "other", "--out", "other", "--name", "vpn.test")));
        Files.writeString(dir.resolve("gateway.json"), Files.readString(dir.resolve("gateway.json")).replace("pki/", "other/"));
        assertFails(fixture.profile("linux"), "is not signed by the client's ca.pem");
    }

    @Test
    @DisplayName("issue 9: bad command lines: no platform, unknown platform, no --client, a --server that is no host")
    void commandLine() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        assertFails(fixture.run(List.of("beos", "--client", "x")), "expected macos, ios, windows, android or linux");
        assertFails(fixture.run(List.of("linux", "--config", "gateway.json")), "--client: required");
        assertFails(fixture.profile("linux", "--server", "vpn.test; rm -rf /"), "--server: expected a host name");
        ProfileFixture.Run help = fixture.run(List.of("--help"));
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: quetzal profile"), help.out());
    }

    @Test
    @DisplayName("every suite the ikev2 frontend accepts has a profile mapping, in the frontend's default order")
    void suitesInSync() {
        assertEquals(SuiteNames.names(), Arrays.stream(ProfileSuite.values()).map(ProfileSuite::ikeProposal).toList());
    }
}
