package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route changes pushed to a connected client (gateway side): when the route set changes, the original request of
 * each Child SA is narrowed again (RFC 7296 §2.9), and a Child SA whose narrowing differs is rekeyed by us (§1.3.3,
 * §2.8) with the new selectors for our side, TSi of our exchange. One exchange at a time (window size 1, §2.3); the
 * next push starts when the window is free, and a simultaneous rekey by the client resolves as §2.8.1 says, after
 * which the survivor is checked again. A narrowing that leaves nothing is not pushed (the client keeps what it has).
 */
final class RoutePush {
    private static final Logger LOG = LoggerFactory.getLogger(RoutePush.class);
    /** Pushes per Child SA and route change before we give up on a client that keeps refusing or narrowing them. */
    static final int MAX_PUSHES_PER_CHILD = 3;

    private RoutePush() {
    }

    /**
     * A new route set: every Child SA of each established gateway-side IKE SA is checked again, and the first push
     * starts at once where the SA's window is free (the others on a later tick).
     */
    static void routesChanged(IkeSaTable table, Collection<IkeSa> sas) {
        long now = table.nowNanos();
        for (IkeSa sa : sas) {
            synchronized (sa) {
                if (sa.assignsAddresses && sa.state == IkeSa.State.ESTABLISHED && !sa.superseded) {
                    sa.routePushPending = true;
                    sa.routePushSettled.clear();
                    sa.routePushes = 0;
                    if (IkeSaTable.usable(sa)) {
                        step(table, sa, now);
                    }
                }
            }
        }
    }

    /**
     * Starts the push of the first Child SA whose selectors differ from the new narrowing. Under the SA's lock, with
     * no request of ours outstanding; true when a CREATE_CHILD_SA went out.
     */
    static boolean step(IkeSaTable table, IkeSa sa, long now) {
        if (!sa.routePushPending) {
            return false;
        }
        if (!sa.assignsAddresses) {
            sa.routePushPending = false;
            return false;
        }
        List<Route> routes = table.environment().routes();
        boolean waiting = false;
        for (Dataplane.ChildSa child : List.copyOf(sa.children)) {
            int spi = child.inboundSpi();
            IkeSa.Selectors selectors = sa.childSelectors.get(spi);
            if (selectors == null || sa.replacedChildren.contains(spi) || sa.routePushSettled.contains(spi)) {
                continue;
            }
            List<TrafficSelector> wanted = TrafficSelectors.narrowToRoutes(selectors.requested(), routes);
            if (wanted.equals(selectors.local())) {
                continue;
            }
            if (wanted.isEmpty()) {
                sa.routePushSettled.add(spi);
                table.counters().count("route_push_empty");
                LOG.warn("IKE SA {} ({}): the new route set leaves nothing of what Child SA {} asked for; it keeps {}",
                        sa.id(), sa.identity, Integer.toHexString(spi), TrafficSelector.text(selectors.local()));
                continue;
            }
            IkeSa.ChildTerms terms = sa.childTerms.get(spi);
            if (terms != null && now < terms.notBeforeNanos()) {
                // A rekey of it was just tried (refused or lost): try again once the retry delay has passed.
                waiting = true;
                continue;
            }
            if (sa.routePushes >= MAX_PUSHES_PER_CHILD * sa.children.size()) {
                table.counters().count("route_push_abandoned");
                LOG.warn("IKE SA {} ({}): gave up pushing routes after {} attempts; Child SA {} keeps {}", sa.id(),
                        sa.identity, sa.routePushes, Integer.toHexString(spi), TrafficSelector.text(selectors.local()));
                sa.routePushPending = false;
                return false;
            }
            if (terms != null) {
                sa.childTerms.put(spi, terms.triedAt(now, SaTimers.RETRY_NANOS));
            }
            if (!CreateChildRequests.rekeyAsNegotiated(table, sa, child, wanted)) {
                return false;
            }
            sa.routePushes++;
            table.counters().count("route_push_started");
            LOG.info("IKE SA {} ({}): pushing new traffic selectors to Child SA {}: {} (was {})", sa.id(), sa.identity,
                    Integer.toHexString(spi), TrafficSelector.text(wanted), TrafficSelector.text(selectors.local()));
            return true;
        }
        sa.routePushPending = waiting;
        return false;
    }
}
