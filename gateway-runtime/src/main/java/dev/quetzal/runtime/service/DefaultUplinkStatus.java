package dev.quetzal.runtime.service;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.UplinkStatus;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the backend's last published state and tells listeners, in order, on the event thread. */
public final class DefaultUplinkStatus implements UplinkStatus {
    private static final Logger log = LoggerFactory.getLogger(DefaultUplinkStatus.class);

    private final SerialEvents events;
    private final List<Consumer<BackendState>> listeners = new CopyOnWriteArrayList<>();
    private volatile BackendState current = new BackendState.Disconnected("not started");

    public DefaultUplinkStatus(SerialEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Called through BackendContext.publishState. */
    public synchronized void publish(BackendState state) {
        Objects.requireNonNull(state, "state");
        if (state.equals(current)) {
            return;
        }
        current = state;
        log.info("uplink: {}", describe(state));
        events.post(() -> listeners.forEach(listener -> listener.accept(state)));
    }

    @Override
    public BackendState current() {
        return current;
    }

    @Override
    public RouteRegistry.Subscription subscribe(Consumer<BackendState> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            listeners.add(listener);
            BackendState now = current;
            events.post(() -> listener.accept(now));
        }
        return () -> listeners.remove(listener);
    }

    /** One line for logs and status; never includes secrets because states carry none. */
    public static String describe(BackendState state) {
        return switch (state) {
            case BackendState.Disconnected d -> "disconnected (" + d.reason() + ")";
            case BackendState.Connecting c -> "connecting (attempt " + c.attempt() + ")";
            case BackendState.AwaitingUser a -> "waiting for the user: " + a.prompt();
            case BackendState.Connected c -> "connected, addresses " + c.uplink().addresses() + ", DNS "
                    + c.uplink().dnsServers() + ", " + c.uplink().routes().size() + " routes, MTU " + c.uplink().mtu();
        };
    }
}
