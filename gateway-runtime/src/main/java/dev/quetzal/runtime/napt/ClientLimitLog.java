package dev.quetzal.runtime.napt;

import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.runtime.router.LogRateLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN for a client that reaches its mapping limit: once per client until it drops back to no
 * mappings (the table tracks that), and across clients at most once per interval, so many clients
 * hitting the cap cannot flood the log.
 */
final class ClientLimitLog {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLimitLog.class);

    private final LogRateLimit rate = new LogRateLimit();

    void refused(int family, long high, long low) {
        long quiet = rate.admit();
        if (quiet >= 0) {
            Object client = family == 0 ? new Ipv4Address((int) low) : new Ipv6Address(high, low);
            LOG.warn("NAPT: client {} reached its mapping limit (napt.maxPerClient); its new flows are dropped"
                    + " until some expire ({} other clients' first refusals not logged in the last interval)",
                    client, quiet);
        }
    }
}
