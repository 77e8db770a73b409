package dev.quetzal.interop.strongswan;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quetzal.tun.testing.LinuxRoot;
import java.io.IOException;
import java.time.Duration;

/**
 * The gate of the strongSwan interop tests: Linux, root and the packages of check-install.sh. Under
 * {@code CI=true} (.ci/run installs them and runs as root) a missing one fails the test; elsewhere it
 * is skipped with what to install.
 */
public final class StrongSwanInstall {
    private StrongSwanInstall() {}

    /** The repository's scripts ({@link Scripts#fromInteropDir}), once {@link #require} let the test go on. */
    public static Scripts requiredScripts() throws IOException {
        Scripts scripts = Scripts.fromInteropDir();
        require(scripts);
        return scripts;
    }

    static void require(Scripts scripts) throws IOException {
        LinuxRoot.assumeRoot();
        try {
            scripts.run("check-install.sh", Duration.ofSeconds(20));
        } catch (IOException missing) {
            String message = "strongSwan interop peer not installed: " + missing.getMessage().strip();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
    }
}
