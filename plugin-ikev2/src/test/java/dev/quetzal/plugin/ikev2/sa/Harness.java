package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.CertificateIssuer;
import dev.quetzal.plugin.ikev2.certs.CertifiedKey;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.certs.SubjectAltName;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.testing.InMemoryNetwork;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An initiator and a responder engine over an {@link InMemoryNetwork}, with fake data plane and environment. */
final class Harness {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 4500);
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4500);
    private static final Map<KeyType, Pki> PKIS = new ConcurrentHashMap<>();

    /** A CA with a server and a client certificate of one key type. */
    record Pki(CertifiedKey ca, CertifiedKey server, CertifiedKey client) {
        IkeSaConfig serverConfig(ProposalPolicy policy) {
            return new IkeSaConfig(List.of(new OwnCredential(server.privateKey(), List.of(server.certificate(),
                    ca.certificate()))), Identification.fqdn("vpn.test"), List.of(ca.certificate()), policy, CLOCK, false);
        }

        IkeSaConfig clientConfig(ProposalPolicy policy, boolean ipv6) {
            return new IkeSaConfig(List.of(new OwnCredential(client.privateKey(), List.of(client.certificate()))),
                    Identification.rfc822("client1@vpn.test"), List.of(ca.certificate()), policy, CLOCK, ipv6);
        }
    }

    static Pki pki(KeyType type) {
        return PKIS.computeIfAbsent(type, t -> {
            try {
                CertificateIssuer issuer = new CertificateIssuer(CLOCK, new SecureRandom());
                CertifiedKey ca = issuer.createAuthority("Test CA " + t, t);
                return new Pki(ca, issuer.issueServer(ca, "vpn.test", List.of(), t),
                        issuer.issueClient(ca, new SubjectAltName.Email("client1@vpn.test"), t));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static final class FakeChildSa implements Dataplane.ChildSa {
        final ChildSaSpec spec;
        final List<String> events;
        boolean removed;
        boolean rekeyNeeded;
        /** When the fake data plane last verified an inbound ESP packet of this SA, 0 for never. */
        long lastInbound;

        FakeChildSa(ChildSaSpec spec, List<String> events) {
            this.spec = spec;
            this.events = events;
        }

        @Override
        public int inboundSpi() {
            return spec.esp().inboundSpi();
        }

        @Override
        public int outboundSpi() {
            return spec.esp().outboundSpi();
        }

        @Override
        public boolean rekeyNeeded() {
            return rekeyNeeded;
        }

        @Override
        public long lastInboundNanos() {
            return lastInbound;
        }

        @Override
        public void remove() {
            if (!removed) {
                events.add("remove " + Integer.toHexString(inboundSpi()));
            }
            removed = true;
        }
    }

    static final class FakeDataplane implements Dataplane {
        final List<FakeChildSa> installed = new ArrayList<>();
        /** "install SPI replaces OLD" and "remove SPI", in the order the engine called them. */
        final List<String> events = new ArrayList<>();

        @Override
        public ChildSa install(ChildSaSpec spec) {
            events.add("install " + Integer.toHexString(spec.esp().inboundSpi()) + " replaces "
                    + Integer.toHexString(spec.replaces()));
            FakeChildSa child = new FakeChildSa(spec, events);
            installed.add(child);
            return child;
        }

        @Override
        public void peerMoved(String ikeSaId, InetSocketAddress peer) {
        }
    }

    static final class FakeEnvironment implements IkeEnvironment {
        final List<IpAddress> pool = new ArrayList<>(List.of(IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.3")));
        final List<IpAddress> released = new ArrayList<>();
        List<Route> routes = List.of();
        Optional<IpAddress> ipv6 = Optional.empty();

        @Override
        public Optional<IpAddress> allocateIpv4(String identity) {
            return pool.isEmpty() ? Optional.empty() : Optional.of(pool.removeFirst());
        }

        @Override
        public Optional<IpAddress> allocateIpv6(String identity) {
            return ipv6;
        }

        @Override
        public void release(IpAddress address) {
            released.add(address);
        }

        @Override
        public List<IpAddress> dnsServers() {
            return List.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("2001:db8::1"));
        }

        @Override
        public List<String> dnsDomains() {
            return List.of("corp.example");
        }

        @Override
        public List<Route> routes() {
            return routes;
        }
    }

    final InMemoryNetwork network = new InMemoryNetwork();
    final FakeDataplane clientPlane = new FakeDataplane();
    final FakeDataplane serverPlane = new FakeDataplane();
    final FakeEnvironment clientEnv = new FakeEnvironment();
    final FakeEnvironment serverEnv = new FakeEnvironment();
    long now = 1_000_000_000L;
    final StandardIkeEngine client;
    final StandardIkeEngine server;

    Harness(IkeSaConfig clientConfig, IkeSaConfig serverConfig) {
        client = new StandardIkeEngine(clientConfig, network.transport(), clientPlane, clientEnv, new SecureRandom(),
                () -> now, FragmentationHook.NONE);
        server = new StandardIkeEngine(serverConfig, network.transport(), serverPlane, serverEnv, new SecureRandom(),
                () -> now, FragmentationHook.NONE);
        network.engines.put(CLIENT, client);
        network.engines.put(SERVER, server);
    }

    /** Both sides on ECDSA P-256 with the default policy, after IKE_SA_INIT and IKE_AUTH (RFC 7296 §1.2). */
    static Harness established() {
        Pki pki = pki(KeyType.ECDSA_P256);
        Harness h = new Harness(pki.clientConfig(ProposalPolicy.DEFAULT, false), pki.serverConfig(ProposalPolicy.DEFAULT));
        h.connect();
        return h;
    }

    IkeSa connect() {
        IkeSa sa = client.initiate(SERVER, CLIENT);
        network.pump();
        return sa;
    }

    void advance(long nanos) {
        advance(nanos, false);
    }

    /** Moves the clock, ticks both engines in the order asked (both see the same instant), then delivers. */
    void advance(long nanos, boolean serverFirst) {
        now += nanos;
        if (serverFirst) {
            server.tick(now);
            client.tick(now);
        } else {
            client.tick(now);
            server.tick(now);
        }
        network.pump();
    }

    /** Ticks every 100 ms (as the frontend does) until {@code nanos} have passed. */
    void run(long nanos) {
        long end = now + nanos;
        while (now < end) {
            advance(Math.min(100_000_000L, end - now));
        }
    }

    /** Both ends established with their own lifetimes, on the harness clock. */
    static Harness established(SaLifetimes client, SaLifetimes server) {
        Pki pki = pki(KeyType.ECDSA_P256);
        Harness h = new Harness(pki.clientConfig(ProposalPolicy.DEFAULT, false).withLifetimes(client),
                pki.serverConfig(ProposalPolicy.DEFAULT).withLifetimes(server));
        h.connect();
        return h;
    }

    /** Lifetimes in whole seconds: {@code ike} and {@code child} with one margin and jitter. */
    static SaLifetimes lifetimes(long ike, long child, long margin, long jitter) {
        return new SaLifetimes(SaLifetimes.Span.of(java.time.Duration.ofSeconds(ike), java.time.Duration.ofSeconds(margin),
                java.time.Duration.ofSeconds(jitter)), SaLifetimes.Span.of(java.time.Duration.ofSeconds(child),
                java.time.Duration.ofSeconds(margin), java.time.Duration.ofSeconds(jitter)), 0);
    }

    static final long SECOND = 1_000_000_000L;
}
