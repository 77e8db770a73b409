package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.diagnostic.Finding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code quetzal doctor} for {@code split-dns}: whether each tunnel domain resolves through the host's resolver,
 * which is where the filter's proactive queries go. A misspelt domain routes nothing.
 */
final class TunnelDomainCheck {
    /** Looks a name up; an empty list when it does not resolve. */
    @FunctionalInterface
    interface HostResolver {
        List<InetAddress> resolve(String name) throws Exception;
    }

    private static final long TIMEOUT_SECONDS = 5;

    private TunnelDomainCheck() {}

    /** The host's resolver, bounded in time (getaddrinfo may wait on every configured name server). */
    static final HostResolver SYSTEM = name -> {
        CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(InetAddress.getAllByName(name));
            } catch (UnknownHostException e) {
                return List.of();
            }
        });
        try {
            return lookup.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new TimeoutException("no answer within " + TIMEOUT_SECONDS + " s");
        }
    };

    static List<Finding> check(List<String> tunnelDomains, HostResolver resolver) {
        List<Finding> findings = new ArrayList<>();
        for (String domain : tunnelDomains) {
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(domain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                addresses = List.of();
            } catch (Exception e) {
                addresses = List.of(); // a timeout or a resolver failure: to the user, it does not resolve
            }
            if (addresses.isEmpty()) {
                findings.add(Finding.warn("tunnel domain " + domain + " does not resolve through this host's resolver",
                        "check the spelling in tunnelDomains; if only the FortiGate's DNS knows it, make this host's"
                                + " resolver ask that server for " + domain + " (otherwise its routes are learned only"
                                + " from clients' queries)"));
            } else {
                findings.add(Finding.ok("tunnel domain " + domain + " resolves to "
                        + addresses.getFirst().getHostAddress()));
            }
        }
        return findings;
    }
}
