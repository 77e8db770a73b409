package dev.quetzal.runtime.doctor;

import dev.quetzal.api.diagnostic.Finding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a configured domain resolves through the host's resolver, where split-dns sends its own queries and
 * where a misspelt domain shows first.
 */
final class ResolveCheck {
    /** Looks a name up; an empty list when it does not resolve. */
    @FunctionalInterface
    interface HostResolver {
        List<InetAddress> resolve(String name) throws Exception;
    }

    private static final long TIMEOUT_SECONDS = 5;

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

    private final HostResolver resolver;

    ResolveCheck(HostResolver resolver) {
        this.resolver = resolver;
    }

    Finding check(String name, String field) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            addresses = List.of();
        } catch (Exception e) {
            addresses = List.of(); // a timeout or a resolver failure: to the user, it does not resolve
        }
        if (addresses.isEmpty()) {
            return Finding.warn(field + " entry " + name + " does not resolve through this host's resolver",
                    "check the spelling in " + field + "; if only the FortiGate's DNS knows it, make this host's resolver"
                            + " ask that server for " + name);
        }
        return Finding.ok(field + " entry " + name + " resolves to " + addresses.getFirst().getHostAddress());
    }
}
