package dev.quetzal.runtime.plugin;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** Where a class was loaded from, to name the jar in messages and logs. */
final class CodeLocations {
    private CodeLocations() {}

    /** The jar or class folder of {@code type}, when it came from the local file system. */
    static Optional<Path> of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty(); // not a file: URL (a custom loader); the caller names something else
        }
    }
}
