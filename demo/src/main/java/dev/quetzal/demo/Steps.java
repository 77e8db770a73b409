package dev.quetzal.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints what happened, each line with the seconds since the demo started: {@code [ 0.41 s] IKE_AUTH done: ...}. */
final class Steps {
    private final PrintWriter out;
    private final long start = System.nanoTime();

    Steps(PrintWriter out) {
        this.out = out;
    }

    void done(String what) {
        line(what);
    }

    void failed(String what, Exception cause) {
        line("FAILED: " + what + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    }

    /** Plain text, no time stamp. */
    void say(String text) {
        out.println(text);
        out.flush();
    }

    private void line(String text) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "[%5.2f s] %s", seconds, text));
        out.flush();
    }
}
