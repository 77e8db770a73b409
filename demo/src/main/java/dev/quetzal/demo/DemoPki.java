package dev.quetzal.demo;

import dev.quetzal.runtime.cli.PluginCommandContext;
import dev.quetzal.runtime.cli.QuetzalCommand;
import java.io.ByteArrayInputStream;
import dev.quetzal.api.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
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
    /** GeneralName's iPAddress choice (RFC 5280 §4.2.1.6), as X509Certificate lists it. */
    private static final int IP_ADDRESS_NAME = 7;

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

    /** Whether the gateway's certificate names {@code listen} (a wildcard needs no name), as a device may check. */
    boolean serverNames(String listen) {
        IpAddress wanted = IpAddress.parse(listen);
        if (wanted.toInetAddress().isAnyLocalAddress()) {
            return true;
        }
        try (InputStream in = Files.newInputStream(serverCertificate())) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null && names.stream().anyMatch(n -> Integer.valueOf(IP_ADDRESS_NAME).equals(n.get(0))
                    && wanted.equals(IpAddress.parse(String.valueOf(n.get(1)))));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A new gateway certificate from the kept CA, naming {@code listen} too; the clients' files stay. */
    void renewServer(String listen, Path pluginsDirectory, Map<String, String> environment) throws IOException {
        for (Path file : List.of(serverCertificate(), serverKey(), folder.resolve("server").resolve("ca.pem"))) {
            Files.deleteIfExists(file);
        }
        certs(pluginsDirectory, environment, "server", "--ca", folder.resolve("ca").toString(), "--out",
                folder.resolve("server").toString(), "--name", SERVER_NAME, "--san", sans(listen));
    }

    private static String sans(String listen) {
        return listen.equals("127.0.0.1") || IpAddress.parse(listen).toInetAddress().isAnyLocalAddress()
                ? "127.0.0.1" : "127.0.0.1," + listen;
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
        certs(pluginsDirectory, env, "ca", "--out", folder.resolve("ca").toString(), "--name", "Quetzal demo CA");
        certs(pluginsDirectory, env, "server", "--ca", folder.resolve("ca").toString(), "--out",
                folder.resolve("server").toString(), "--name", SERVER_NAME, "--san", sans(listen));
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
