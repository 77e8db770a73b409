package dev.quetzal.runtime.service;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.service.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Resolves through the host's resolver (InetAddress), on a virtual thread so callers never block. */
public final class HostResolver implements Resolver {
    private final Executor executor;

    public HostResolver(Executor executor) {
        this.executor = executor;
    }

    @Override
    public CompletableFuture<List<IpAddress>> resolve(String hostName) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Arrays.stream(InetAddress.getAllByName(hostName)).map(IpAddress::of).toList();
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
