package dev.quetzal.tun;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Opens linux-tun's package-private {@link ThreadCapabilities} (its test jar) to this module's
 * tests: runs a task on a thread without CAP_NET_ADMIN, as an unprivileged gateway would be.
 */
public final class WithoutNetAdmin {
    private WithoutNetAdmin() {
    }

    public static <T> T call(Callable<T> task, Duration timeout) throws Exception {
        return ThreadCapabilities.callWithoutNetAdmin(task, timeout);
    }
}
