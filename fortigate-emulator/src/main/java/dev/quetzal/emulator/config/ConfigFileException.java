package dev.quetzal.emulator.config;

import java.nio.file.Path;

/** A config file that cannot be used: one line naming the file, the JSON path and what was expected. */
public final class ConfigFileException extends Exception {
    private final Path file;
    private final String jsonPath;

    public ConfigFileException(Path file, String jsonPath, String problem) {
        super(file.getFileName() + ": " + jsonPath + ": " + problem);
        this.file = file;
        this.jsonPath = jsonPath;
    }

    public Path file() {
        return file;
    }

    public String jsonPath() {
        return jsonPath;
    }
}
