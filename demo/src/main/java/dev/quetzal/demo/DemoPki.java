package dev.quetzal.demo;

import dev.quetzal.runtime.cli.PluginCommandContext;
import dev.quetzal.runtime.cli.QuetzalCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's certificates, made by {@code quetzal certs} (the ikev2 plugin's command, run through the command line
 * as a user would): a CA, the gateway's certificate and the client's, with a PKCS#12 bundle for devices. Kept in
 * {@code DIR/pki} and used again by later runs, so a device set up once keeps working.
 */
record DemoPki(Path folder) {
    static final String SERVER_NAME = "quetzal-demo.test";
    static final String CLIENT_NAME = "demo@quetzal.test";
    private static final String P12_VARIABLE = "QUETZAL_DEMO_P12_PASSWORD";

    Path ca() {
        return folder.resolve("ca").resolve("ca.pem");
    }

    Path serverCertificate() {
        return folder.resolve("server").resolve(SERVER_NAME + ".pem");
    }

    Path serverKey() {
        return folder.resolve("server").resolve(SERVER_NAME + "-key.pem");
    }

    Path clientCertificate() {
        return folder.resolve("client").resolve(CLIENT_NAME + ".pem");
    }

    Path clientKey() {
        return folder.resolve("client").resolve(CLIENT_NAME + "-key.pem");
    }

    Path clientBundle() {
        return folder.resolve("client").resolve(CLIENT_NAME + ".p12");
    }

    Path bundlePassword() {
        return folder.resolve("client").resolve("p12-password.txt");
    }

    boolean complete() {
        return List.of(ca(), serverCertificate(), serverKey(), clientCertificate(), clientKey(), clientBundle())
                .stream().allMatch(Files::isRegularFile);
    }

    /**
     * Makes the CA, the server certificate (its name, 127.0.0.1 and {@code listen} as names) and the client's.
     * Fails with the command's own message when one of them fails.
     */
    void create(String listen, Path pluginsDirectory, Map<String, String> environment) throws IOException {
        char[] alphabet = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet[random.nextInt(alphabet.length)]);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put(P12_VARIABLE, password.toString());
        String sans = listen.equals("127.0.0.1") ? "127.0.0.1" : "127.0.0.1," + listen;
        certs(pluginsDirectory, env, "ca", "--out", folder.resolve("ca").toString(), "--name", "Quetzal demo CA");
        certs(pluginsDirectory, env, "server", "--ca", folder.resolve("ca").toString(), "--out",
                folder.resolve("server").toString(), "--name", SERVER_NAME, "--san", sans);
        certs(pluginsDirectory, env, "client", "--ca", folder.resolve("ca").toString(), "--out",
                folder.resolve("client").toString(), "--name", CLIENT_NAME, "--p12-password-env", P12_VARIABLE);
        Files.writeString(bundlePassword(), password + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(bundlePassword(), PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    /** The PKCS#12 password written when the bundle was made. */
    Optional<String> readBundlePassword() {
        try {
            return Optional.of(Files.readString(bundlePassword(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void certs(Path pluginsDirectory, Map<String, String> environment, String... args)
            throws IOException {
        List<String> line = new ArrayList<>();
        if (pluginsDirectory != null) {
            line.add("--plugins");
            line.add(pluginsDirectory.toString());
        }
        line.add("certs");
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = QuetzalCommand.execute(line.toArray(String[]::new), new PluginCommandContext(new PrintWriter(out),
                new PrintWriter(err), new ByteArrayInputStream(new byte[0]), Path.of(""), environment,
                Optional.empty()));
        if (status != 0) {
            throw new IOException("quetzal certs " + args[0] + " failed (status " + status + "): " + err.toString().strip());
        }
    }
}
