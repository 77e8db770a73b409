package dev.quetzal.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short reasons for I/O failures in words, never a path twice or file content. */
final class IoErrors {
    private IoErrors() {}

    static String describe(IOException e) {
        switch (e) {
            case CharacterCodingException c -> {
                return "not UTF-8 text";
            }
            case NoSuchFileException n -> {
                return "no such file";
            }
            case AccessDeniedException a -> {
                return "permission denied";
            }
            case NotDirectoryException n -> {
                return "a parent is not a folder";
            }
            default -> {}
        }
        String name = e.getClass().getSimpleName();
        // A FileSystemException's message repeats the path; its reason is the part worth showing.
        String detail = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return detail == null || detail.isBlank() ? name : name + ": " + detail;
    }
}
