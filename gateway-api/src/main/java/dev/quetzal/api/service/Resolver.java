package dev.quetzal.api.service;

import dev.quetzal.api.net.IpAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Name resolution through the host's resolver (not through the tunnel). Never blocks the caller; the
 * future fails with {@link java.net.UnknownHostException} when the name does not resolve.
 */
public interface Resolver {
    CompletableFuture<List<IpAddress>> resolve(String hostName);
}
