package dev.quetzal.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoing a test topology: every step runs even when an earlier one failed, and the first failure is thrown with the
 * others suppressed. A pending interrupt (a JUnit timeout) is held back meanwhile, so that the steps' bounded waits
 * still work, and restored afterwards.
 */
public final class Cleanup {
    /** One cleanup action; a value it returns (an exit status) is not needed here. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private Cleanup() {}

    /** Runs {@code steps} in order; {@code what} names the topology in the exception. */
    public static void runAll(String what, List<Step> steps) throws IOException {
        boolean interrupted = Thread.interrupted();
        List<Exception> failures = new ArrayList<>();
        try {
            for (Step step : steps) {
                try {
                    step.run();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            IOException first = new IOException("cleaning up " + what + " failed", failures.getFirst());
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
