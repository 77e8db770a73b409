package dev.quetzal.runtime.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A config file that cannot be used: unreadable, not JSON, or a value that does not fit. The message
 * is one line for the user, {@code FILE: $.json.path: problem}, or {@code FILE: problem} for the file
 * as a whole. It never holds a secret's value and carries no cause, so logging it with its stack
 * trace leaks nothing either.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final String jsonPath;
    private final String problem;

    /**
     * @param file the config file as the user named it
     * @param jsonPath where in the file, such as {@code $.frontends[0].listen}; null for the whole file
     * @param problem what was expected and what was found
     */
    public ConfigException(Path file, String jsonPath, String problem) {
        super(file + ": " + (jsonPath == null ? "" : jsonPath + ": ") + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.jsonPath = jsonPath;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    /** The JSON path of the bad value, or null when the problem is with the file as a whole. */
    public String jsonPath() {
        return jsonPath;
    }

    /** The message without the file and path. */
    public String problem() {
        return problem;
    }
}
