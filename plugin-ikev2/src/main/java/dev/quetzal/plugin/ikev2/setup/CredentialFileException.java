package dev.quetzal.plugin.ikev2.setup;

import java.nio.file.Path;

/** One of the frontend's files is unusable: {@code FIELD FILE: problem}, never with key material. */
public final class CredentialFileException extends IllegalArgumentException {
    private final String field;
    private final transient Path file;

    public CredentialFileException(String field, Path file, String problem) {
        super(field + " " + file + ": " + problem);
        this.field = field;
        this.file = file;
    }

    public String field() {
        return field;
    }

    public Path file() {
        return file;
    }
}
