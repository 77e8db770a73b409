package dev.quetzal.api.service;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import java.util.Optional;

/**
 * Inner addresses for clients, from the ranges in the gateway config ({@code addressPool}).
 *
 * <p>Thread-safe. A client that comes back with the same {@code clientKey} (for example its
 * certificate identity) gets the same address while it is still free, so reconnects keep their
 * address.
 */
public interface AddressPool {
    /** A free address of {@code family} for {@code clientKey}, or empty when the pool is exhausted or has no such range. */
    Optional<Lease> lease(String clientKey, IpFamily family);

    /** The configured range of a family, if any. */
    Optional<IpPrefix> range(IpFamily family);

    /** One leased address; {@link #close()} returns it to the pool. */
    interface Lease extends AutoCloseable {
        IpAddress address();

        @Override
        void close();
    }
}
