package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.DeserializationContext;
import java.nio.file.Path;

/** The config file's folder, which relative paths in it are resolved against. */
final class ConfigFolder {
    private ConfigFolder() {}

    static Path of(Path configFile) {
        Path parent = configFile.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** The folder the current read was started with, or the working directory outside {@link ConfigLoader}. */
    static Path of(DeserializationContext context) {
        return context.getAttribute(ConfigMapper.BASE_DIR) instanceof Path folder ? folder : Path.of("").toAbsolutePath();
    }
}
