package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.corpus.Corpus;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.esp.UdpEncapsulation;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.setup.SaFragmentation;
import dev.quetzal.plugin.ikev2.setup.StandardEngineFactory;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The gateway's receive path without sockets: {@link DatagramDispatcher} in front of a real {@link StandardIkeEngine}
 * (ECDSA server PKI, RFC 7383 reassembly) and a real {@link EspDataplane}, fed the captured strongSwan datagrams as the
 * gateway's sockets on 500 and 4500 would hand them over. After {@link #prime}, the captured IKE_SA_INIT request has
 * made a half-open IKE SA and the captured client ESP SPIs are installed (with other keys), so the captured SK, SKF and
 * ESP datagrams reach integrity checks instead of stopping at the SPI lookup.
 */
final class ReceivePath implements AutoCloseable {
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 4500);

    final TestContext context = new TestContext();
    final FrontendCounters counters = new FrontendCounters(context.metrics());
    final List<byte[]> sent = new ArrayList<>();
    final EspDataplane plane = new EspDataplane(context.router, context.clock, (packet, peer, port) -> true, counters);
    final DatagramDispatcher dispatcher = new DatagramDispatcher(plane, counters);
    final SaFragmentation fragmentation;
    final StandardIkeEngine engine;
    private long halfOpenSpi;

    ReceivePath(Path folder) throws GeneralSecurityException, IOException {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        InstantSource instants = context.clock::now;
        IkeSaConfig config = StandardEngineFactory.saConfig(new Ikev2Config(null, null, null, null, pki.certificate(),
                pki.key(), pki.clientCa(), null, null), instants);
        fragmentation = SaFragmentation.standard(instants);
        engine = new StandardIkeEngine(config, (message, offset, length, local, peer) -> {
            synchronized (sent) {
                sent.add(Arrays.copyOfRange(message, offset, offset + length));
            }
        }, plane, new ContextEnvironment(context), new SecureRandom(), context.clock::nanoTime, fragmentation);
        dispatcher.engine(engine);
    }

    /** The captured IKE_SA_INIT request makes a half-open SA; the client's ESP SPIs get Child SAs with test keys. */
    ReceivePath prime() {
        Corpus.Datagram init = Corpus.first("IKE_SA_INIT MID=00 Initiator Request");
        deliver(init, init.payload());
        halfOpenSpi = engine.table().all().getFirst().localSpi();
        Set<Integer> spis = new LinkedHashSet<>();
        for (Corpus.Datagram esp : Corpus.strongSwan(d -> d.isEsp() && d.fromClient())) {
            spis.add(ByteBuffer.wrap(esp.payload()).getInt(0));
        }
        int peerSpi = 0x7000_0000;
        for (int spi : spis) {
            plane.install(Fixtures.spec("captured", spi, peerSpi++, CLIENT, local(4500), 0));
        }
        return this;
    }

    /**
     * {@code datagram} as this path would receive it: the client's IKE datagrams (other than IKE_SA_INIT) name the
     * half-open SA as their responder SPI, so they reach its keys (RFC 7296 §3.1: SPIr names the responder's SA).
     */
    byte[] aimed(Corpus.Datagram datagram) {
        byte[] bytes = datagram.payload();
        int at = ikeOffset(datagram);
        if (datagram.isIke() && datagram.fromClient() && !datagram.description().startsWith("IKE_SA_INIT")) {
            ByteBuffer.wrap(bytes).putLong(at + 8, halfOpenSpi);
        }
        return bytes;
    }

    /** Where the IKE header starts in {@code datagram}: after the non-ESP marker unless a port is 500 (RFC 3948 §2.2). */
    static int ikeOffset(Corpus.Datagram datagram) {
        return UdpEncapsulation.ikeOffset(datagram.sourcePort(), datagram.destinationPort());
    }

    /** Hands {@code bytes} to the dispatcher as received from the client on the captured ports. */
    void deliver(Corpus.Datagram datagram, byte[] bytes) {
        PacketBuffer buffer = context.pool.acquire();
        if (bytes.length > buffer.tailroom()) {
            // as UdpEndpoint does for a datagram larger than a pool buffer
            buffer.release();
            buffer = PacketBuffer.allocate(0, bytes.length);
        }
        buffer.append(bytes, 0, bytes.length);
        int localPort = datagram.destinationPort() == 500 || datagram.sourcePort() == 500 ? 500 : 4500;
        int remotePort = localPort == 500 ? 500 : 4500;
        if (datagram.isKeepalive()) {
            remotePort = datagram.sourcePort();
        }
        dispatcher.dispatch(buffer, new InetSocketAddress(CLIENT.getAddress(), remotePort), localPort, local(localPort));
    }

    static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Every counter that records what became of a datagram (not the per-class arrival counts). */
    @SuppressWarnings("unchecked")
    Map<String, Long> ledger() {
        Map<String, Long> out = new TreeMap<>();
        engine.table().counters().snapshot().forEach((name, value) -> out.put("engine." + name, value));
        ((Map<String, Long>) fragmentation.status().get("fragmentsRejectedByReason"))
                .forEach((name, value) -> out.put("fragment." + name, value));
        out.put("fragment.reassembled", (Long) fragmentation.status().get("messagesReassembled"));
        Map<String, Object> frontend = counters.snapshot();
        out.put("frontend.natKeepalives", (Long) frontend.get("natKeepalives"));
        out.put("frontend.malformedDatagrams", (Long) frontend.get("malformedDatagrams"));
        out.put("frontend.espInPackets", (Long) frontend.get("espInPackets"));
        out.put("frontend.engineErrors", (Long) frontend.get("engineErrors"));
        ((Map<String, Long>) frontend.get("drops")).forEach((name, value) -> out.put("esp." + name, value));
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** The IKE SAs (SPI, state, Child SAs) and the installed ESP SAs, to compare before and after. */
    @SuppressWarnings("unchecked")
    Set<String> saState() {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> sa : (List<Map<String, Object>>) engine.status().get("ikeSas")) {
            out.add(sa.get("id") + " " + sa.get("state") + " " + sa.get("childSas"));
        }
        out.add("esp SAs " + plane.childSaCount());
        return out;
    }

    int sentCount() {
        synchronized (sent) {
            return sent.size();
        }
    }

    @Override
    public void close() {
        engine.close();
        plane.close();
        context.close();
    }
}
