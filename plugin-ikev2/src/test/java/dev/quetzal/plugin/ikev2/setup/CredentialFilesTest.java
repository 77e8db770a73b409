package dev.quetzal.plugin.ikev2.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading our credential (RFC 7296 §3.6 CERT, §3.5 ID) from PEM (RFC 7468), with errors naming field and file. */
final class CredentialFilesTest {
    @TempDir
    Path folder;

    @Test
    @DisplayName("RFC 7468: chain leaf first, key checked against the leaf, ID_FQDN from the first dNSName")
    void readsChainKeyAndIdentity() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        OwnCredential credential = CredentialFiles.credential(pki.certificate(), pki.key());
        assertEquals(2, credential.chain().size());
        assertEquals(pki.server().certificate(), credential.leaf());
        assertEquals(Identification.fqdn("vpn.test"), CredentialFiles.identity(null, credential.leaf(), pki.certificate()));
        assertEquals(Identification.fqdn("gw.example"), CredentialFiles.identity("gw.example", credential.leaf(),
                pki.certificate()));
        assertEquals(1, CredentialFiles.certificates("clientCa", pki.clientCa()).size());
    }

    @Test
    @DisplayName("RFC 7468: a file without CERTIFICATE blocks names the field and the file")
    void noCertificateBlock() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> CredentialFiles.certificates("clientCa", pki.key()));
        assertEquals("clientCa " + pki.key() + ": holds no CERTIFICATE block", e.getMessage());
    }

    @Test
    @DisplayName("RFC 7468: a garbled key file is refused without quoting its content")
    void garbledKeyIsNotQuoted() throws Exception {
        Path key = folder.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nU0VDUkVUU0VDUkVU\n-----END PRIVATE KEY-----\n");
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> CredentialFiles.privateKey(key));
        assertEquals("key", e.field());
        assertTrue(e.getMessage().startsWith("key " + key + ": not a readable PEM private key"), e.getMessage());
        assertFalse(e.getMessage().contains("U0VDUkVU"), e.getMessage());
    }

    @Test
    @DisplayName("RFC 7468: a certificate file without a key block is not taken for a key")
    void certificateIsNoKey() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> CredentialFiles.privateKey(pki.certificate()));
        assertEquals("key " + pki.certificate() + ": holds no unencrypted PRIVATE KEY block", e.getMessage());
    }
}
