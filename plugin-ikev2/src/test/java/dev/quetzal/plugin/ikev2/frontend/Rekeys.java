package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.plugin.ikev2.client.IkeClient;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits on an {@link IkeClient}'s engine while its rekeys run over a real path. */
final class Rekeys {
    private static final long POLL_MILLIS = 20;

    private Rekeys() {
    }

    /** Polls {@code condition} until it holds; fails with {@code failure} after {@code limit}. */
    static void await(BooleanSupplier condition, Duration limit, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + limit + ": " + failure.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The client's established IKE SA that no rekey has replaced (RFC 7296 §2.18), waiting up to {@code limit}. */
    static IkeSa currentIkeSa(IkeClient client, Duration limit) throws InterruptedException {
        IkeSa[] found = new IkeSa[1];
        await(() -> {
            Optional<IkeSa> current = client.engine().table().all().stream()
                    .filter(sa -> sa.state() == IkeSa.State.ESTABLISHED && !sa.superseded()).findFirst();
            current.ifPresent(sa -> found[0] = sa);
            return current.isPresent();
        }, limit, () -> "no current IKE SA: " + client.engine().table().all());
        return found[0];
    }
}
