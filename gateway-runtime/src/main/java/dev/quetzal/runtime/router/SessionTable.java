package dev.quetzal.runtime.router;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.service.PacketRouter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which session owns each inner address. Lookups read one volatile reference to an immutable {@link
 * AddressMap}; attach and detach (control plane) rebuild it under a lock, copy on write.
 *
 * <p>Ownership is per attachment, not per session: closing an attachment removes only the addresses
 * it still owns, so a stale handle cannot take away addresses that have moved to a newer one.
 */
final class SessionTable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<IpAddress, Claim> owners = new HashMap<>();
    // Guarded by lock; in attach order.
    private final Set<Claim> live = new LinkedHashSet<>();
    private volatile AddressMap addresses = AddressMap.EMPTY;

    ClientSession findIpv4(int address) {
        return addresses.findIpv4(address);
    }

    ClientSession findIpv6(long high, long low) {
        return addresses.findIpv6(high, low);
    }

    PacketRouter.Attachment attach(ClientSession session) {
        Objects.requireNonNull(session, "session");
        List<IpAddress> inner = List.copyOf(session.innerAddresses());
        Claim claim = new Claim(session);
        synchronized (lock) {
            for (IpAddress address : inner) {
                Claim previous = owners.put(address, claim);
                if (previous != null && previous.session != session) {
                    LOG.info("inner address {} moves from session {} ({}) to session {} ({})", address,
                            previous.session.id(), previous.session.identity(), session.id(), session.identity());
                }
            }
            live.add(claim);
            publish();
        }
        return claim;
    }

    /** Sessions with an attachment not yet closed, in attach order, each once. */
    List<ClientSession> sessions() {
        synchronized (lock) {
            return live.stream().map(claim -> claim.session).distinct().toList();
        }
    }

    private void detach(Claim claim) {
        synchronized (lock) {
            if (!live.remove(claim)) {
                return;
            }
            owners.values().removeIf(owner -> owner == claim);
            publish();
        }
    }

    private void publish() {
        Map<IpAddress, ClientSession> snapshot = new HashMap<>();
        owners.forEach((address, owner) -> snapshot.put(address, owner.session));
        addresses = new AddressMap(snapshot);
    }

    /** One attachment; identity is what owns addresses, so it keeps Object's equals. */
    private final class Claim implements PacketRouter.Attachment {
        final ClientSession session;

        Claim(ClientSession session) {
            this.session = session;
        }

        @Override
        public void close() {
            detach(this);
        }

        @Override
        public String toString() {
            return "Attachment[session=" + session.id() + "]";
        }
    }
}
