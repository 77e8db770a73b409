package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.Ikev2Factory;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.setup.CredentialFileException;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory reads the config's PEM files when it creates the frontend (RFC 7296 §3.5, §3.6: our ID and CERT). */
final class Ikev2FactoryTest {
    private final TestContext context = new TestContext();

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        context.close();
    }

    private static Ikev2Config config(TestPki pki, Path key) {
        return new Ikev2Config(null, 0, 0, true, pki.certificate(), key, pki.clientCa(), null, null);
    }

    @Test
    @DisplayName("RFC 7296 §3.6: the standard factory reads certificate, key and CAs and builds the frontend")
    void readsTheFilesAndBuilds() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        try (var frontend = new Ikev2Factory().create(config(pki, pki.key()), context)) {
            assertInstanceOf(Ikev2Frontend.class, frontend);
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.6: a missing key file fails create with the field and path named")
    void missingKeyNamesFieldAndFile() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        Path missing = folder.resolve("nope.pem");
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> new Ikev2Factory().create(config(pki, missing), context));
        assertEquals("key", e.field());
        assertTrue(e.getMessage().startsWith("key " + missing + ": cannot be read"), e.getMessage());
    }

    @Test
    @DisplayName("RFC 7296 §2.15: a key that does not belong to the certificate is refused, and not shown")
    void foreignKeyIsRefused() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        TestPki other = TestPki.create(Files.createDirectory(folder.resolve("other")), KeyType.ECDSA_P256);
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> new Ikev2Factory().create(config(pki, other.key()), context));
        assertTrue(e.getMessage().contains("does not belong to the first certificate"), e.getMessage());
        assertTrue(!e.getMessage().contains("PRIVATE"), e.getMessage());
    }

    @Test
    @DisplayName("issue 4: with an engine factory it builds the frontend without reading files")
    void engineFactoryNeedsNoFiles() {
        try (var frontend = new Ikev2Factory(FakeEngine::new).create(Fixtures.config(null, null, null, null), context)) {
            assertInstanceOf(Ikev2Frontend.class, frontend);
        }
    }

    @Test
    @DisplayName("RFC 7296 §2.23 ports: ikePort and natPort may not be one port unless singlePort says so")
    void samePortNeedsSinglePort() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.config(null, 4500, 4500, false));
        Fixtures.config(null, 4500, 4500, true);
    }
}
