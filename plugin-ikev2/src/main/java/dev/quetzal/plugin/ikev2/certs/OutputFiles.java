package dev.quetzal.plugin.ikev2.certs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files one {@code quetzal certs} or {@code quetzal profile} run writes into its output folder (names may
 * include sub-folders). Nothing existing is ever
 * overwritten: every target is checked before the first byte is written, each file is created with
 * CREATE_NEW (so a file that appears meanwhile is refused too), and when a write fails the files of
 * this run are removed again. Secret files (private keys, PKCS#12) are created readable by the owner
 * only where the file system has POSIX permissions.
 */
public final class OutputFiles {
    private record Pending(byte[] content, boolean secret) {}

    private final Path folder;
    private final Map<String, Pending> files = new LinkedHashMap<>();

    public OutputFiles(Path folder) {
        this.folder = folder;
    }

    /** A public file (certificate). */
    public OutputFiles add(String name, byte[] content) {
        files.put(name, new Pending(content.clone(), false));
        return this;
    }

    /** A file only the owner may read (private key, PKCS#12). */
    public OutputFiles addSecret(String name, byte[] content) {
        files.put(name, new Pending(content.clone(), true));
        return this;
    }

    /** The files that exist already, as {@code folder/name}, for the error message; empty when none do. */
    List<Path> existing() {
        List<Path> existing = new ArrayList<>();
        for (Map.Entry<String, Pending> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !sameContent(path, file.getValue())) {
                existing.add(path);
            }
        }
        return existing;
    }

    /**
     * Writes every file, or none. A file that already holds exactly the same public content (the CA
     * certificate copied next to the certificates it signed) is left alone rather than refused.
     *
     * @return the paths written
     * @throws FileAlreadyExistsException naming the files that exist, before anything is written
     */
    public List<Path> write() throws IOException {
        List<Path> existing = existing();
        if (!existing.isEmpty()) {
            throw new FileAlreadyExistsException(existing.getFirst().toString(), null,
                    "refusing to overwrite " + existing.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElseThrow());
        }
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, Pending> file : files.entrySet()) {
                Path path = folder.resolve(file.getKey());
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // same content, checked above
                }
                Files.createDirectories(path.getParent());
                create(path, file.getValue());
                written.add(path);
            }
        } catch (IOException | RuntimeException e) {
            for (Path path : written) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        return written;
    }

    private static void create(Path path, Pending pending) throws IOException {
        OpenOption[] options = {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        if (pending.secret() && Files.getFileStore(path.getParent()).supportsFileAttributeView("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Files.newByteChannel(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly).close();
            options = new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING};
        }
        try (OutputStream out = Files.newOutputStream(path, options)) {
            out.write(pending.content());
        }
    }

    private static boolean sameContent(Path path, Pending pending) {
        if (pending.secret() || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(path), pending.content());
        } catch (IOException e) {
            return false;
        }
    }
}
