package dev.quetzal.emulator.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT, so the command can stop the emulator in order and exit 0 (the JVM's
 * own handling exits 143 or 130). A second signal while stopping exits at once.
 */
@FunctionalInterface
public interface StopSignal {
    /** Blocks until it is time to stop. */
    void await() throws InterruptedException;

    static StopSignal install() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stop.getCount() == 0) {
                    Runtime.getRuntime().halt(1);
                }
                stop.countDown();
            });
        }
        return stop::await;
    }
}
