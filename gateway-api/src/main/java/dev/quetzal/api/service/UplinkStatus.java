package dev.quetzal.api.service;

import dev.quetzal.api.backend.BackendState;
import java.util.function.Consumer;

/**
 * The backend's state as it last published it, for frontends (addresses and DNS to hand out) and
 * filters (DNS suffixes, split routes). Thread-safe; listeners run on a runtime thread, one change at
 * a time, and must not block.
 */
public interface UplinkStatus {
    BackendState current();

    /** Calls {@code listener} with the current state now and with every later change until closed. */
    RouteRegistry.Subscription subscribe(Consumer<BackendState> listener);
}
