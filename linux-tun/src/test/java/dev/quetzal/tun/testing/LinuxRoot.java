package dev.quetzal.tun.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gate for tests that create TUN devices and network namespaces: they need Linux and root
 * (CAP_NET_ADMIN, CAP_SYS_ADMIN). Under CI=true they must run, so a missing privilege fails them;
 * elsewhere they are skipped with a message.
 */
public final class LinuxRoot {
    private LinuxRoot() {
    }

    public static void assumeRoot() {
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        boolean root = linux && effectiveUid() == 0;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(root, "CI=true: the TUN and network namespace tests must run on Linux as root (.ci/run does)");
        } else {
            assumeTrue(root, "skipped: needs Linux and root for TUN devices and network namespaces;"
                    + " run as root or with CI=true");
        }
    }

    /** The effective uid, second field of the "Uid:" line of /proc/self/status. */
    private static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
