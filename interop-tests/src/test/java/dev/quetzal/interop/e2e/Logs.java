package dev.quetzal.interop.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Reading the logs of the processes under test: counting a line's occurrences, bounded waits for them, tails. */
final class Logs {
    private static final long POLL_MILLIS = 100;

    private Logs() {}

    /** How many lines of {@code log} contain {@code text}; 0 while the file does not exist. */
    static int count(Path log, String text) throws IOException {
        try {
            return (int) lines(log).stream().filter(l -> l.contains(text)).count();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Waits until {@code log} has at least {@code times} lines with {@code text}; an IOException with context after {@code limit}. */
    static void await(Path log, String text, int times, Duration limit, Supplier<String> context)
            throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(log, text) < times) {
            if (System.nanoTime() > deadline) {
                throw new IOException("\"" + text + "\" not " + times + " time(s) in " + log + " within " + limit
                        + "\n" + context.get());
            }
            pause();
        }
    }

    /** The last {@code lines} lines of a log, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = lines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The lines of a log; bytes that are no UTF-8 become U+FFFD instead of failing the read. */
    static List<String> lines(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    }

    static void pause() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
