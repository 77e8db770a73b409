package dev.quetzal.benchmarks.ike;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.client.InertChildSa;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The engine's data plane and gateway environment reduced to what a handshake touches: Child SAs are counted, not
 * installed (ESP has its own benchmark), and every client gets the same inner address (each handshake runs against a
 * fresh engine, so nothing is ever given back).
 */
final class BenchDataplane implements Dataplane, IkeEnvironment {
    private static final IpAddress INNER = IpAddress.parse("100.64.0.2");
    private static final List<IpAddress> DNS = List.of(IpAddress.parse("100.64.0.1"));

    private int installed;

    /** Child SAs installed since the last call, then zero again. */
    int takeInstalled() {
        int n = installed;
        installed = 0;
        return n;
    }

    @Override
    public ChildSa install(ChildSaSpec spec) {
        installed++;
        return InertChildSa.of(spec);
    }

    @Override
    public void peerMoved(String ikeSaId, InetSocketAddress peer) {
    }

    @Override
    public Optional<IpAddress> allocateIpv4(String identity) {
        return Optional.of(INNER);
    }

    @Override
    public Optional<IpAddress> allocateIpv6(String identity) {
        return Optional.empty();
    }

    @Override
    public void release(IpAddress address) {
    }

    @Override
    public List<IpAddress> dnsServers() {
        return DNS;
    }

    @Override
    public List<String> dnsDomains() {
        return List.of();
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }
}
