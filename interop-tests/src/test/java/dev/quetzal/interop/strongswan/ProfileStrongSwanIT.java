package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux profile of {@code quetzal profile linux}, made from the running gateway's config and the client's files
 * of {@code quetzal certs}, loaded by strongSwan 5.9.8's {@code swanctl --load-all} in the client namespace: it
 * connects to Quetzal and pings through the tunnel (issue 9 acceptance, "the Linux swanctl profile connects in the
 * strongSwan interop suite"). Root only.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class ProfileStrongSwanIT {
    private static final int IKE_PORT = 500;
    private static final Suite SUITE = Suite.AES_GCM_256_ECP_256;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String CONNECTION = "quetzal";

    @TempDir
    Path work;

    @Test
    @DisplayName("issue 9: the generated swanctl.conf and credential folders load into strongSwan and connect to"
            + " Quetzal; the child gets a pool address and the static route of the gateway's config")
    void linuxProfileConnects() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.ECDSA_P256).getFirst();
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(QuetzalServer.config(pki, SUITE, IKE_PORT, null, null,
                    "{\"type\": \"split-dns\", \"staticRoutes\": [\"198.18.1.0/24\"]}"));
            try {
                Path config = topology.workDir().resolve("quetzal").resolve("gateway.json");
                Path client = pki.directory().resolve("client").resolve(InteropPki.CLIENT_ID);
                Path out = work.resolve("profile");
                List<String> command = new ArrayList<>(List.of(InteropPki.quetzalCommand().split(" ")));
                command.addAll(List.of("profile", "linux", "--client", client.toString(), "--config", config.toString(),
                        "--server", SwanTopology.SERVER_OUTER, "--out", out.toString()));
                Scripts.Result made = Scripts.command(LIMIT, Map.of(), command);
                assertEquals(0, made.exitCode(), made.output());
                String conf = Files.readString(out.resolve("swanctl").resolve("swanctl.conf"));
                assertTrue(conf.contains("remote_ts = 198.18.1.0/24"), conf);

                try (StrongSwanClient strongSwan = StrongSwanClient.start(topology, work.resolve("pki"), IKE_PORT)) {
                    // The profile replaces the connections charon.sh loaded: only the generated files are in use.
                    Scripts.Result loaded = Scripts.command(LIMIT, Map.of("SWANCTL_DIR", out.resolve("swanctl").toString()),
                            List.of("swanctl", "--load-all", "--noprompt", "--uri", strongSwan.viciUri()));
                    assertEquals(0, loaded.exitCode(), loaded.output());
                    assertTrue(loaded.output().contains("successfully loaded 1 connections"), loaded.output());
                    assertTrue(loaded.output().contains("loaded certificate from '" + out.resolve("swanctl")
                            .resolve("x509ca").resolve("ca.pem") + "'"), loaded.output());
                    assertTrue(loaded.output().contains("private key from '" + out.resolve("swanctl").resolve("private")
                            .resolve(InteropPki.CLIENT_ID + "-key.pem") + "'"), loaded.output());
                    QuetzalStrongSwanIT.tunnelAndPing(topology, strongSwan, CONNECTION);
                    String sas = StrongSwanClient.swanctlAt(strongSwan.viciUri(), "--list-sas");
                    assertTrue(sas.contains("198.18.1.0/24"), "the child's remote selector is the configured route:\n" + sas);
                    strongSwan.terminate(CONNECTION);
                }
            } catch (AssertionError | IOException e) {
                throw new AssertionError(e.getMessage() + "\n--- Quetzal log:\n" + server.tail(), e);
            } finally {
                server.stop();
            }
        }
    }
}
