package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux profile of {@code quetzal profile linux} (issue 9, "Device profiles"): swanctl.conf(5) settings and
 * swanctl's credential folders. strongSwan itself loads it and connects in the interop suite (ProfileStrongSwanIT).
 */
final class SwanctlProfileTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("issue 9: the Linux profile proposes the gateway's suites in order, names both identities, asks for"
            + " a virtual IP and the static routes, and puts the certificates and key in x509, x509ca and private")
    void linuxProfile() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir,
                ", \"ikePort\": 0, \"natPort\": 5000, \"singlePort\": true, \"mobike\": false,"
                        + " \"suites\": [\"chacha20poly1305-prfsha256-x25519\", \"aes128-sha256-modp2048\"]",
                "{\"type\": \"split-dns\", \"staticRoutes\": [\"198.18.1.0/24\"]}",
                "{\"type\": \"tun\", \"routes\": [\"10.9.0.0/16\"]}");
        ProfileFixture.Run run = fixture.profile("linux", "--server", "198.18.0.1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("swanctl --initiate --child quetzal"), run.out());
        List<String> conf = fixture.outText("swanctl/swanctl.conf").lines().map(String::strip).toList();
        for (String setting : List.of("version = 2", "remote_addrs = 198.18.0.1", "remote_port = 5000", "vips = 0.0.0.0",
                "proposals = chacha20poly1305-prfsha256-x25519, aes128-sha256-modp2048", "mobike = no", "auth = pubkey",
                "certs = alice@vpn.test.pem", "id = alice@vpn.test", "id = vpn.test", "cacerts = ca.pem",
                "remote_ts = 10.9.0.0/16, 198.18.1.0/24",
                "esp_proposals = chacha20poly1305-x25519, aes128-sha256-modp2048")) {
            assertTrue(conf.contains(setting), setting + " missing in\n" + String.join("\n", conf));
        }
        long open = conf.stream().filter(line -> line.endsWith("{")).count();
        long close = conf.stream().filter(line -> line.equals("}")).count();
        assertEquals(open, close, "balanced sections");
        assertArrayEquals(Files.readAllBytes(dir.resolve("clients").resolve("alice@vpn.test.pem")),
                Files.readAllBytes(fixture.out("swanctl/x509/alice@vpn.test.pem")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("clients").resolve("ca.pem")),
                Files.readAllBytes(fixture.out("swanctl/x509ca/ca.pem")));
        Path key = fixture.out("swanctl/private/alice@vpn.test-key.pem");
        assertArrayEquals(Files.readAllBytes(dir.resolve("clients").resolve("alice@vpn.test-key.pem")), Files.readAllBytes(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    @DisplayName("issue 9: with the fortivpn backend the routes come at run time, so the Linux profile asks for"
            + " everything and the gateway narrows it (RFC 7296 §2.9); port 500 is not written")
    void linuxProfileDynamicRoutes() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir, "", "",
                "{\"type\": \"fortivpn\", \"server\": \"forti.example:443\"}");
        assertEquals(0, fixture.profile("linux").status());
        String conf = fixture.outText("swanctl/swanctl.conf");
        assertTrue(conf.contains("remote_ts = 0.0.0.0/0, ::/0"), conf);
        assertTrue(conf.contains("remote_addrs = vpn.test") && !conf.contains("remote_port"), conf);
    }

    @Test
    @DisplayName("issue 9: a second run refuses to overwrite the profile and writes nothing")
    void existingFilesKept() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        assertEquals(0, fixture.profile("linux").status());
        ProfileFixture.Run again = fixture.profile("linux");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("refusing to overwrite"), again.err());
    }
}
