package dev.quetzal.plugin.ikev2.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output files of {@code quetzal certs} (pterodapter-inventory.md §6 docs/certs.md: the files a user
 * hands to clients): all or nothing, never overwriting, identical public files tolerated.
 */
final class OutputFilesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("an identical public file (ca.pem next to what it signed) is kept, not refused")
    void identicalPublicFileIsKept() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "CA");

        List<Path> written = new OutputFiles(dir).add("ca.pem", bytes("CA")).add("a.pem", bytes("A")).write();

        assertEquals(List.of(dir.resolve("a.pem")), written);
    }

    @Test
    @DisplayName("a secret file is refused even when identical: keys are never touched twice")
    void secretFileIsAlwaysRefused() throws Exception {
        Files.writeString(dir.resolve("k.pem"), "K");

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> new OutputFiles(dir).add("a.pem", bytes("A")).addSecret("k.pem", bytes("K")).write());

        assertEquals("refusing to overwrite " + dir.resolve("k.pem"), e.getReason());
        assertFalse(Files.exists(dir.resolve("a.pem")), "nothing written");
    }

    @Test
    @DisplayName("a differing public file is refused and left as it was")
    void differingPublicFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "another CA");

        assertThrows(FileAlreadyExistsException.class, () -> new OutputFiles(dir).add("ca.pem", bytes("CA")).write());

        assertEquals("another CA", Files.readString(dir.resolve("ca.pem")));
    }

    @Test
    @DisplayName("a symbolic link in place of an output file is refused, not followed")
    void symlinkIsRefused() throws Exception {
        Path target = dir.resolve("elsewhere");
        Files.writeString(target, "CA");
        Files.createSymbolicLink(dir.resolve("ca.pem"), target);

        assertThrows(FileAlreadyExistsException.class, () -> new OutputFiles(dir).add("ca.pem", bytes("CA")).write());
    }
}
