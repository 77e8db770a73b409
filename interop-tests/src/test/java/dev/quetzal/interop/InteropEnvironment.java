package dev.quetzal.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the interop scripts are, and whether a third-party program may be missing (not under CI). */
public final class InteropEnvironment {
    private InteropEnvironment() {}

    /** The repository's {@code interop/} folder, passed by failsafe. */
    public static Path interopDir() {
        String dir = System.getProperty("quetzal.interop.dir");
        if (dir == null) {
            throw new IllegalStateException("system property quetzal.interop.dir is not set (run through ./mvnw verify)");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** The first executable {@code program} on PATH or in the usual system folders. */
    public static Optional<Path> findProgram(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Fails under {@code CI=true} when {@code program} is not installed, because .ci/run installs it;
     * elsewhere skips with what to install.
     */
    public static Path requireProgram(String program, String debianPackage) {
        Optional<Path> found = findProgram(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed; install the Debian package " + debianPackage
                + " (.ci/run does this)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }
}
