package dev.quetzal.runtime.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into an orderly stop with exit status 0. The JVM's default
 * handling runs shutdown hooks and exits with 143 or 130, which service managers read as a failure.
 * A second signal while stopping exits at once.
 */
final class StopSignals {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CompletableFuture<String> received = new CompletableFuture<>();

    private StopSignals() {}

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signals.received("SIG" + signal.getName()));
        }
        return signals;
    }

    private void received(String name) {
        if (!reason.compareAndSet(null, name)) {
            System.err.println(name + " again: exiting without waiting for the stop to finish");
            Runtime.getRuntime().halt(ExitCodes.FAILURE);
        }
        stop.countDown();
        received.complete(name);
    }

    /** Completes with the signal's name when the first one arrives. */
    CompletableFuture<String> received() {
        return received;
    }

    /** Blocks until a stop signal arrives and returns its name. */
    String await() throws InterruptedException {
        stop.await();
        return reason.get();
    }
}
