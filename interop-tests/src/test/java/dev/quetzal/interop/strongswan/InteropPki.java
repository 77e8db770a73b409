package dev.quetzal.interop.strongswan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One key type's certificates from pki.sh, made by {@code quetzal certs}: {@code root/KEY/ca},
 * {@code root/KEY/server} ({@code vpn.test}) and {@code root/KEY/client} ({@code client1@vpn.test}).
 * The client's configuration takes every key type under {@link #root}.
 */
public record InteropPki(Path root, CertificateKey key) {
    /** RSA-3072 keys take a few seconds each; every certificate is one JVM start. */
    private static final Duration LIMIT = Duration.ofSeconds(90);

    public static final String SERVER_ID = "vpn.test";
    public static final String CLIENT_ID = "client1@vpn.test";

    /** Runs {@code pki.sh root KEY...} with this JVM's class path as {@code quetzal}; one PKI per key. */
    public static List<InteropPki> create(Scripts scripts, Path root, CertificateKey... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of(root.toString()));
        for (CertificateKey key : keys) {
            args.add(key.option());
        }
        scripts.run("pki.sh", LIMIT, Map.of("QUETZAL", quetzalCommand()), args);
        List<InteropPki> made = new ArrayList<>();
        for (CertificateKey key : keys) {
            InteropPki pki = new InteropPki(root, key);
            if (!Files.isRegularFile(pki.serverCertificate())) {
                throw new IOException("pki.sh wrote no " + pki.serverCertificate());
            }
            made.add(pki);
        }
        return List.copyOf(made);
    }

    /**
     * {@code quetzal} as this JVM can run it: the runtime's CLI with the test class path, on which the
     * ikev2 plugin contributes the {@code certs} command. Space-separated (pki.sh splits it).
     */
    static String quetzalCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(" ") || java.toString().contains(" ")) {
            throw new IllegalStateException("the class path or java.home contains a space; pki.sh cannot split it");
        }
        return java + " -cp " + classPath + " dev.quetzal.runtime.cli.Main";
    }

    public Path directory() {
        return root.resolve(key.option());
    }

    public Path caCertificate() {
        return directory().resolve("ca").resolve("ca.pem");
    }

    public Path serverCertificate() {
        return directory().resolve("server").resolve(SERVER_ID + ".pem");
    }

    /** The server's private key (PKCS#8 PEM). */
    public Path serverKey() {
        return directory().resolve("server").resolve(SERVER_ID + "-key.pem");
    }
}
