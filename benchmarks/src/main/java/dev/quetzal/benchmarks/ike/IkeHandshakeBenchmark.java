package dev.quetzal.benchmarks.ike;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import dev.quetzal.plugin.ikev2.certs.CertificateIssuer;
import dev.quetzal.plugin.ikev2.certs.CertifiedKey;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.certs.SubjectAltName;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.SaFragmentation;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

/**
 * Whole IKEv2 handshakes (RFC 7296 §1.2: IKE_SA_INIT, then IKE_AUTH with a CP request and the first Child SA) per
 * second on one thread, with the role-neutral engine on both sides and the messages passed in memory (no sockets).
 * Both sides authenticate with ECDSA P-256 certificates under one CA (made once in {@link #setUp} by
 * {@code quetzal certs}' own {@link CertificateIssuer}); the suite is AES-GCM-16-256, PRF-HMAC-SHA2-256 and the
 * {@link #group} parameter (ECP-256 or Curve25519). The responder runs the gateway's policy
 * ({@link ProposalPolicy#DEFAULT}) and RFC 7383 fragmentation, as {@code StandardEngineFactory} builds it.
 *
 * <ul>
 *   <li>{@link #handshake}: initiator and responder, everything both do: two key pairs, two ECDH agreements, two
 *       key schedules, two signatures, two chain validations and signature checks, four messages encoded, sealed,
 *       opened and decoded. Issue 4 asks for this figure ("handshakes per second per core").
 *   <li>{@link #responder}: the gateway's share only. The initiator's two requests are recorded once in
 *       {@link #setUp} and replayed to a fresh responder each operation. That is sound only if the responder
 *       answers IKE_SA_INIT with the same SPI, nonce and KE value each time, since the recorded IKE_AUTH request
 *       is sealed with keys derived from them; so the responder gets a SHA1PRNG seeded with the same value each
 *       operation. Its work is unchanged (the same key generation, agreement, validation and signing on other
 *       numbers), and a responder that stopped being deterministic would fail the IKE_AUTH integrity check and
 *       stop the run. Running the initiator in a {@code Level.Invocation} set-up instead cannot work: its
 *       IKE_AUTH request needs the responder's IKE_SA_INIT response, which is made inside the measured
 *       operation, so half of the initiator's work (key agreement, key schedule, signing) would stay measured.
 *       With {@code -prof gc} the responder allocates half of what a whole handshake does, as expected of one
 *       side of a symmetric exchange.
 * </ul>
 *
 * Each operation builds fresh engines (a few small objects next to the milliseconds of public-key work), so no
 * state accumulates between operations, and checks that the IKE SA is ESTABLISHED on the measured side(s) and that
 * exactly one Child SA was installed on each: a handshake that fails throws and ends the run. Per-SA INFO log lines
 * are turned off for the run (a console appender would measure the terminal).
 *
 * <p>The JIT needs about a minute of handshakes (ASN.1, PKIX, EC arithmetic) before the rate stops rising: with
 * 3 × 2 s of warm-up the figures still climb through the measured iterations, so the second command gives the
 * steady state. {@code -prof gc} adds the allocation per handshake.
 *
 * <pre>{@code
 * ./mvnw -q -B -o -pl benchmarks -am package -DskipTests
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar IkeHandshakeBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * taskset -c 1 java -jar benchmarks/target/benchmarks.jar IkeHandshakeBenchmark -f 1 -wi 6 -w 10s -i 5 -r 5s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IkeHandshakeBenchmark {
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 4500);
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4500);
    /** More datagrams than a handshake needs (four): a loop between the engines stops here. */
    private static final int MAX_DATAGRAMS = 16;
    private static final byte[] REPLAY_SEED = "quetzal ike handshake benchmark".getBytes(StandardCharsets.US_ASCII);

    /** The key exchange group, by its IANA name: ECP_256 (group 19) or CURVE25519 (group 31). */
    @Param({"ECP_256", "CURVE25519"})
    public String group;

    private final MemoryWire wire = new MemoryWire();
    private final BenchDataplane clientPlane = new BenchDataplane();
    private final BenchDataplane serverPlane = new BenchDataplane();
    private final SecureRandom random = new SecureRandom();
    IkeSaConfig clientConfig;
    private IkeSaConfig serverConfig;
    private byte[] initRequest;
    byte[] authRequest;
    private long replayedSpi;

    @Setup
    public void setUp() throws GeneralSecurityException {
        quietIkeLogs();
        DhGroup dh = switch (group) {
            case "ECP_256" -> DhGroup.ECP_256;
            case "CURVE25519" -> DhGroup.CURVE25519;
            default -> throw new IllegalArgumentException("unknown group " + group);
        };
        IkeSuite suite = new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.NONE, dh);
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), random);
        CertifiedKey ca = issuer.createAuthority("Quetzal Benchmark CA", KeyType.ECDSA_P256);
        CertifiedKey server = issuer.issueServer(ca, "vpn.bench", List.of(), KeyType.ECDSA_P256);
        CertifiedKey client = issuer.issueClient(ca, new SubjectAltName.Email("client@vpn.bench"), KeyType.ECDSA_P256);
        serverConfig = new IkeSaConfig(List.of(new OwnCredential(server.privateKey(), List.of(server.certificate(),
                ca.certificate()))), Identification.fqdn("vpn.bench"), List.of(ca.certificate()),
                ProposalPolicy.DEFAULT, Clock.systemUTC(), false);
        clientConfig = new IkeSaConfig(List.of(new OwnCredential(client.privateKey(), List.of(client.certificate()))),
                Identification.rfc822("client@vpn.bench"), List.of(ca.certificate()), ProposalPolicy.only(suite),
                Clock.systemUTC(), false);
        recordInitiator();
    }

    @Benchmark
    public IkeSa handshake() {
        wire.clear();
        StandardIkeEngine server = engine(serverConfig, serverPlane, random);
        StandardIkeEngine client = engine(clientConfig, clientPlane, random);
        IkeSa sa = client.initiate(SERVER, CLIENT);
        deliver(client, server, null);
        require(sa, "initiator", client);
        requireOneChildSa(clientPlane, "initiator", client);
        requireOneChildSa(serverPlane, "responder", server);
        return sa;
    }

    @Benchmark
    public IkeSa responder() throws GeneralSecurityException {
        wire.clear();
        StandardIkeEngine server = engine(serverConfig, serverPlane, replayRandom());
        server.receive(initRequest, 0, initRequest.length, CLIENT, SERVER);
        server.receive(authRequest, 0, authRequest.length, CLIENT, SERVER);
        wire.clear();
        IkeSa sa = server.table().find(replayedSpi).orElse(null);
        require(sa, "responder", server);
        requireOneChildSa(serverPlane, "responder", server);
        return sa;
    }

    /**
     * Runs one handshake against a responder with the replay random source and keeps the initiator's requests;
     * then replays them once to check that the responder answers IKE_SA_INIT with the very same octets.
     */
    private void recordInitiator() throws GeneralSecurityException {
        wire.clear();
        StandardIkeEngine server = engine(serverConfig, serverPlane, replayRandom());
        StandardIkeEngine client = engine(clientConfig, clientPlane, random);
        IkeSa sa = client.initiate(SERVER, CLIENT);
        List<byte[]> requests = new ArrayList<>();
        List<byte[]> responses = new ArrayList<>();
        deliver(client, server, (toServer, data) -> (toServer ? requests : responses).add(data));
        require(sa, "initiator", client);
        requireOneChildSa(clientPlane, "initiator", client);
        requireOneChildSa(serverPlane, "responder", server);
        if (requests.size() != 2 || responses.size() != 2) {
            throw new IllegalStateException("expected IKE_SA_INIT and IKE_AUTH unfragmented, saw " + requests.size()
                    + " requests and " + responses.size() + " responses");
        }
        initRequest = requests.get(0);
        authRequest = requests.get(1);
        // RFC 7296 §3.1: the responder's SPI follows the initiator's in the header.
        replayedSpi = ByteBuffer.wrap(responses.get(0)).getLong(8);

        StandardIkeEngine replayed = engine(serverConfig, serverPlane, replayRandom());
        wire.clear();
        replayed.receive(initRequest, 0, initRequest.length, CLIENT, SERVER);
        MemoryWire.Datagram answer = wire.poll();
        if (answer == null || !Arrays.equals(answer.data(), responses.get(0))) {
            throw new IllegalStateException("the seeded responder does not repeat its IKE_SA_INIT response: "
                    + "the responder benchmark cannot replay the initiator");
        }
        wire.clear();
    }

    /** The responder's random source for {@link #responder}: the same octets every operation. */
    private static SecureRandom replayRandom() throws GeneralSecurityException {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        // Seeded before first use, SHA1PRNG yields only what follows from this seed.
        seeded.setSeed(REPLAY_SEED);
        return seeded;
    }

    private StandardIkeEngine engine(IkeSaConfig config, BenchDataplane plane, SecureRandom source) {
        return new StandardIkeEngine(config, wire, plane, plane, source, System::nanoTime,
                SaFragmentation.standard(InstantSource.system()));
    }

    /** Receives of each datagram on the wire, in order; {@code tap} sees each (to the server or not). */
    private void deliver(StandardIkeEngine client, StandardIkeEngine server, Tap tap) {
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            MemoryWire.Datagram d = wire.poll();
            if (d == null) {
                return;
            }
            boolean toServer = d.to().equals(SERVER);
            if (tap != null) {
                tap.saw(toServer, d.data());
            }
            (toServer ? server : client).receive(d.data(), 0, d.data().length, d.from(), d.to());
        }
        throw new IllegalStateException("more than " + MAX_DATAGRAMS + " datagrams for one handshake");
    }

    private static void require(IkeSa sa, String role, StandardIkeEngine engine) {
        if (sa == null || sa.state() != IkeSa.State.ESTABLISHED) {
            throw new IllegalStateException("handshake failed: " + role + " IKE SA is "
                    + (sa == null ? "missing" : sa.state()) + "; " + engine.status().get("counters"));
        }
    }

    private static void requireOneChildSa(BenchDataplane plane, String role, StandardIkeEngine engine) {
        int installed = plane.takeInstalled();
        if (installed != 1) {
            throw new IllegalStateException("handshake failed: " + role + " installed " + installed
                    + " Child SAs; " + engine.status().get("counters"));
        }
    }

    private static void quietIkeLogs() {
        if (LoggerFactory.getLogger("dev.quetzal.plugin.ikev2") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @FunctionalInterface
    private interface Tap {
        void saw(boolean toServer, byte[] data);
    }
}
