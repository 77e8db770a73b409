package dev.quetzal.plugin.ikev2.certs;

import static dev.quetzal.plugin.ikev2.certs.CertAssertions.CLIENT_AUTH;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.DNS_NAME;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.IPSEC_IKE;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.IP_ADDRESS;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.RFC822_NAME;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.SERVER_AUTH;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.certificate;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.privateKey;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.subjectAltNames;
import static dev.quetzal.plugin.ikev2.certs.CertAssertions.validatePkix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quetzal certs} end to end: every output file is read back with the JDK alone (CertificateFactory,
 * PKCS#8 KeyFactory, KeyStore PKCS12) and the chains pass the JDK's PKIX validator (RFC 5280 §6);
 * PKCS#12 per RFC 7292 with the legacy algorithms Apple needs (pterodapter-inventory.md §6 docs/certs.md
 * "pkcs12 made with -legacy"). Existing files are never overwritten.
 */
final class CertsCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    private final CertsCommand command = new CertsCommand(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    private record Run(int status, TestCommandContext context) {
        String out() {
            return context.outText();
        }

        String err() {
            return context.errText();
        }
    }

    private Run certs(Map<String, String> environment, String... args) throws Exception {
        TestCommandContext context = new TestCommandContext(dir, environment);
        int status = command.run(context, List.of(args));
        return new Run(status, context);
    }

    private Run certs(String... args) throws Exception {
        return certs(Map.of(), args);
    }

    @Test
    @DisplayName("ca writes ca.pem and a PKCS#8 ca-key.pem (owner-only) that belong together")
    void authorityFiles() throws Exception {
        Run run = certs("ca", "--out", "pki", "--name", "Example VPN Root", "--key", "rsa-3072");

        assertEquals(0, run.status(), run.err());
        X509Certificate ca = certificate(dir.resolve("pki/ca.pem"));
        assertEquals("CN=Example VPN Root", ca.getSubjectX500Principal().getName());
        assertTrue(ca.getBasicConstraints() >= 0);
        PrivateKey key = privateKey(dir.resolve("pki/ca-key.pem"), "RSA");
        assertSignsFor(key, ca, "SHA256withRSA");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("pki/ca-key.pem")));
        assertTrue(run.out().contains("wrote " + dir.resolve("pki/ca.pem")), run.out());
        assertEquals("", run.err());
    }

    @Test
    @DisplayName("server writes NAME.pem, NAME-key.pem and ca.pem; SAN DNS and IP, serverAuth + ipsecIKE, PKIX-valid")
    void serverFiles() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki").status());

        Run run = certs("server", "--ca", "pki", "--out", "pki", "--name", "vpn.example.com", "--san", "198.18.0.1,vpn2.example.com",
                "--san=2001:db8::1");

        assertEquals(0, run.status(), run.err());
        X509Certificate server = certificate(dir.resolve("pki/vpn.example.com.pem"));
        X509Certificate ca = certificate(dir.resolve("pki/ca.pem"));
        assertEquals(List.of(DNS_NAME + ":vpn.example.com", IP_ADDRESS + ":198.18.0.1", DNS_NAME + ":vpn2.example.com",
                IP_ADDRESS + ":2001:db8:0:0:0:0:0:1"), subjectAltNames(server));
        assertTrue(server.getExtendedKeyUsage().containsAll(List.of(SERVER_AUTH, IPSEC_IKE)));
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        validatePkix(List.of(server), ca, NOW);
        assertSignsFor(privateKey(dir.resolve("pki/vpn.example.com-key.pem"), "EC"), server, "SHA256withECDSA");
        assertTrue(run.out().contains("Clients must connect to vpn.example.com"), run.out());
    }

    @Test
    @DisplayName("client with an e-mail identity: PEM files and a PKCS#12 the JDK loads with the password from the environment")
    void clientFilesWithPasswordFromEnvironment() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki", "--key", "ecdsa-p384").status());

        Run run = certs(Map.of("P12_PASSWORD", "correct horse"), "client", "--ca", "pki", "--out", "clients", "--name",
                "alice@example.com", "--p12-password-env", "P12_PASSWORD", "--key", "rsa-3072");

        assertEquals(0, run.status(), run.err());
        assertFalse(run.out().contains("correct horse"), "a password from the environment is never printed");
        assertFalse(run.out().contains("PKCS#12 password"));
        X509Certificate ca = certificate(dir.resolve("clients/ca.pem"));
        X509Certificate client = certificate(dir.resolve("clients/alice@example.com.pem"));
        assertEquals(List.of(RFC822_NAME + ":alice@example.com"), subjectAltNames(client));
        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        validatePkix(List.of(client), ca, NOW);
        assertSignsFor(privateKey(dir.resolve("clients/alice@example.com-key.pem"), "RSA"), client, "SHA256withRSA");

        KeyStore p12 = loadPkcs12(dir.resolve("clients/alice@example.com.p12"), "correct horse".toCharArray());
        assertEquals(List.of("alice@example.com"), keyAliases(p12), "the key entry's friendly name");
        Certificate[] chain = p12.getCertificateChain("alice@example.com");
        assertEquals(client, chain[0]);
        Key key = p12.getKey("alice@example.com", "correct horse".toCharArray());
        assertSignsFor((PrivateKey) key, client, "SHA256withRSA");
        assertTrue(Arrays.asList(chain).contains(ca) || p12.getCertificateAlias(ca) != null, "the CA is in the file");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("clients/alice@example.com.p12")));
    }

    @Test
    @DisplayName("client without --p12-password-env: a generated password is printed once and opens the PKCS#12")
    void generatedPasswordIsPrintedOnce() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki").status());

        Run run = certs("client", "--ca", "pki", "--out", "pki", "--name", "bob");

        assertEquals(0, run.status(), run.err());
        Matcher matcher = Pattern.compile("PKCS#12 password \\(shown only now\\): (\\S+)").matcher(run.out());
        assertTrue(matcher.find(), run.out());
        String password = matcher.group(1);
        assertTrue(password.matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}"), password);
        assertEquals(run.out().indexOf(password), run.out().lastIndexOf(password), "printed exactly once");
        assertFalse(run.err().contains(password));
        KeyStore p12 = loadPkcs12(dir.resolve("pki/bob.p12"), password.toCharArray());
        assertEquals(List.of("bob"), keyAliases(p12));
        assertEquals(List.of(DNS_NAME + ":bob"), subjectAltNames((X509Certificate) p12.getCertificate("bob")));
    }

    @Test
    @DisplayName("existing files are never overwritten: the run fails, nothing is written, the old files stay")
    void refusesToOverwrite() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki").status());
        byte[] before = Files.readAllBytes(dir.resolve("pki/ca-key.pem"));

        Run again = certs("ca", "--out", "pki");

        assertEquals(CertsFailure.FAILED, again.status());
        assertEquals("certs: refusing to overwrite " + dir.resolve("pki/ca.pem") + ", " + dir.resolve("pki/ca-key.pem")
                + "; nothing was written", again.err().strip());
        assertTrue(Arrays.equals(before, Files.readAllBytes(dir.resolve("pki/ca-key.pem"))));

        Files.writeString(dir.resolve("pki/vpn.example.com-key.pem"), "somebody else's key");
        Run server = certs("server", "--ca", "pki", "--out", "pki", "--name", "vpn.example.com");
        assertEquals(CertsFailure.FAILED, server.status());
        assertFalse(Files.exists(dir.resolve("pki/vpn.example.com.pem")), "all or nothing");
        assertEquals("somebody else's key", Files.readString(dir.resolve("pki/vpn.example.com-key.pem")));
    }

    @Test
    @DisplayName("a missing CA folder, an unset password variable and a mismatched CA key are one line, status 2")
    void badInputIsOneLine() throws Exception {
        Run noCa = certs("server", "--ca", "nowhere", "--out", "out", "--name", "vpn.example.com");
        assertEquals(CertsFailure.BAD_INPUT, noCa.status());
        assertEquals(List.of("certs: --ca: " + dir.resolve("nowhere/ca.pem") + " does not exist; make a CA with \"quetzal certs ca --out "
                + dir.resolve("nowhere") + "\""), noCa.err().lines().toList());

        assertEquals(0, certs("ca", "--out", "pki").status());
        Run unset = certs("client", "--ca", "pki", "--out", "out", "--name", "bob", "--p12-password-env", "NOT_SET_HERE");
        assertEquals(CertsFailure.BAD_INPUT, unset.status());
        assertEquals("certs: --p12-password-env: environment variable NOT_SET_HERE is not set", unset.err().strip());
        assertFalse(Files.exists(dir.resolve("out")));

        assertEquals(0, certs("ca", "--out", "other").status());
        Files.delete(dir.resolve("pki/ca-key.pem"));
        Files.copy(dir.resolve("other/ca-key.pem"), dir.resolve("pki/ca-key.pem"));
        Run mismatch = certs("server", "--ca", "pki", "--out", "out", "--name", "vpn.example.com");
        assertEquals(CertsFailure.BAD_INPUT, mismatch.status());
        assertEquals("certs: --ca: " + dir.resolve("pki/ca-key.pem") + " is not the key of " + dir.resolve("pki/ca.pem"),
                mismatch.err().strip());
    }

    @Test
    @DisplayName("a server certificate cannot serve as --ca")
    void refusesLeafAsCa() throws Exception {
        assertEquals(0, certs("ca", "--out", "pki").status());
        assertEquals(0, certs("server", "--ca", "pki", "--out", "srv", "--name", "vpn.example.com").status());
        Files.delete(dir.resolve("srv/ca.pem"));
        Files.move(dir.resolve("srv/vpn.example.com.pem"), dir.resolve("srv/ca.pem"));
        Files.move(dir.resolve("srv/vpn.example.com-key.pem"), dir.resolve("srv/ca-key.pem"));

        Run run = certs("client", "--ca", "srv", "--out", "out", "--name", "bob");

        assertEquals(CertsFailure.BAD_INPUT, run.status());
        assertTrue(run.err().contains("is not a CA certificate"), run.err());
    }

    @Test
    @DisplayName("bad arguments are one line pointing at --help, status 2; --help prints the usage")
    void usage() throws Exception {
        Run bad = certs("server", "--ca", "pki", "--out", "x", "--name", "198.18.0.1");
        assertEquals(2, bad.status());
        assertEquals(List.of("certs server: --name: expected a DNS name like vpn.example.com, got \"198.18.0.1\"; clients (Windows,"
                + " Apple) want a name: put IP addresses in --san (see quetzal certs --help)"), bad.err().lines().toList());

        Run help = certs("client", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: quetzal certs ca"), help.out());
    }

    private static KeyStore loadPkcs12(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static List<String> keyAliases(KeyStore store) throws Exception {
        return java.util.Collections.list(store.aliases()).stream().filter(alias -> {
            try {
                return store.isKeyEntry(alias);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static void assertSignsFor(PrivateKey key, X509Certificate certificate, String algorithm) throws Exception {
        byte[] data = "IKE_AUTH octets".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(signature), "the key belongs to the certificate");
    }
}
