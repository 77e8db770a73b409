package dev.quetzal.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemException;

/** Short reasons for I/O failures: the exception's name and the OS reason, never a path twice or file content. */
final class IoErrors {
    private IoErrors() {}

    static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String name = e.getClass().getSimpleName();
        // A FileSystemException's message repeats the path; its reason is the part worth showing.
        String detail = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return detail == null || detail.isBlank() ? name : name + ": " + detail;
    }
}
