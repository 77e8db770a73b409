package dev.quetzal.plugin.ikev2.client;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.esp.EspDecryptResult;
import dev.quetzal.plugin.ikev2.esp.EspEncryptResult;
import dev.quetzal.plugin.ikev2.esp.EspSa;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.IkeSaConfig;
import dev.quetzal.plugin.ikev2.setup.SaFragmentation;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * An IKEv2 client over a real UDP socket on the loopback address: a {@link StandardIkeEngine} as initiator
 * (certificate authentication, a configuration request for an inner address, RFC 7296 §1.2, §2.19) with ESP in UDP
 * (RFC 3948) as its data plane. It answers the gateway's CREATE_CHILD_SA and Delete requests like any client, so a
 * Child SA the gateway rekeys (to push new traffic selectors, §1.3.3) shows up here without the caller doing
 * anything. {@code quetzal demo} and component tests use it.
 *
 * <pre>{@code
 * IkeSaConfig config = new IkeSaConfig(List.of(CredentialFiles.credential(clientPem, clientKeyPem)),
 *         Identification.rfc822("demo@quetzal.test"), CredentialFiles.certificates("ca", caPem),
 *         ProposalPolicy.DEFAULT, Clock.systemUTC(), true);
 * try (IkeClient client = new IkeClient(config)) {
 *     client.connect(gatewayNatPort);
 *     ChildSaSpec first = client.awaitChild(Duration.ofSeconds(10));    // its innerAddresses(), remoteSelectors()
 *     client.send(ipPacketFromInnerAddress);
 *     byte[] reply = client.receive(Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Datagrams that start with the non-ESP marker are IKE (RFC 3948 §2.2); the others are ESP, opened by the SA their
 * SPI names. {@link #send} uses the newest Child SA, as a client does after a rekey (RFC 7296 §2.8). Thread-safe. Not
 * final: the tests' {@code UdpInitiator} is this class under its old name.
 */
public class IkeClient implements AutoCloseable {
    /** Replaced by {@link #moveTo}; each socket has its own receiving thread until it is closed. */
    private volatile DatagramSocket socket;
    private volatile boolean closed;
    private final StandardIkeEngine engine;
    private final BlockingQueue<ChildSaSpec> installed = new LinkedBlockingQueue<>();
    /** Installed and not removed, oldest first. */
    private final List<Child> live = new CopyOnWriteArrayList<>();
    private final Map<Integer, Child> byInboundSpi = new ConcurrentHashMap<>();
    private final BlockingQueue<byte[]> esp = new LinkedBlockingQueue<>();
    private final List<Thread> receivers = new CopyOnWriteArrayList<>();
    private final Thread ticker;
    private volatile InetSocketAddress gateway;
    private volatile InetSocketAddress floatTo;
    private volatile InetSocketAddress lastEspSource;

    /**
     * A client with {@code config}'s credentials and proposals, on an ephemeral loopback port; for certificates made
     * by the tests' PKI, {@code TestPki.clientConfig(ProposalPolicy.DEFAULT)}. Its timers (retransmission, rekeys,
     * RFC 7296 §2.1, §2.8) run every 100 ms until {@link #close}.
     */
    public IkeClient(IkeSaConfig config) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        IkeTransport transport = (message, offset, length, local, peer) -> {
            // Neither port is 500 here: the marker always precedes IKE (RFC 3948 §2.2).
            byte[] framed = new byte[4 + length];
            System.arraycopy(message, offset, framed, 4, length);
            // Like strongSwan after NAT detection (RFC 7296 §2.23): everything after IKE_SA_INIT to the NAT-T port.
            boolean init = length > 18 && message[offset + 18] == ExchangeType.IKE_SA_INIT;
            InetSocketAddress floated = floatTo;
            sendRaw(framed, floated != null && !init ? floated : peer);
        };
        engine = new StandardIkeEngine(config, transport, new Plane(), StaticEnvironment.NONE, new SecureRandom(),
                System::nanoTime, SaFragmentation.standard(InstantSource.system()));
        startReceiver(socket);
        ticker = Thread.ofPlatform().daemon().name("ike-client-tick").start(this::tickLoop);
    }

    /** The client's own address and port. */
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The engine, for what this class does not offer (a rekey of our own, a liveness check, its counters). */
    public StandardIkeEngine engine() {
        return engine;
    }

    /** Sends every message after IKE_SA_INIT to {@code natPort} instead of the address {@link #connect} was given. */
    public void floatTo(InetSocketAddress natPort) {
        floatTo = natPort;
    }

    /**
     * Moves the client to a new socket on {@code address} (an ephemeral port), like a device that changed network or
     * a NAT that rebound it; nothing is sent. The old socket is closed. Later IKE and ESP leave from the new one.
     */
    public InetSocketAddress moveTo(InetAddress address) throws SocketException {
        DatagramSocket old = socket;
        DatagramSocket moved = new DatagramSocket(new InetSocketAddress(address, 0));
        socket = moved;
        startReceiver(moved);
        old.close();
        return local();
    }

    /**
     * Sends UPDATE_SA_ADDRESSES for {@code sa} from the current socket (RFC 4555 §3.5), after {@link #moveTo}; false
     * when the SA has a request in flight or is not established.
     */
    public boolean updateAddresses(IkeSa sa) {
        return engine.table().updateAddresses(sa, local());
    }

    /** Where the last ESP datagram came from. */
    public InetSocketAddress lastEspSource() {
        return lastEspSource;
    }

    /**
     * Starts IKE_SA_INIT with {@code gateway}; ESP goes to the same address (or to {@link #floatTo}'s). Returns the IKE
     * SA at once; {@link #awaitChild(Duration)} waits for the Child SA of its IKE_AUTH.
     */
    public IkeSa connect(InetSocketAddress gateway) {
        this.gateway = gateway;
        return engine.initiate(gateway, local());
    }

    /** The next Child SA installed, in order: the first one of IKE_AUTH, then each one a rekey or push installs. */
    public ChildSaSpec awaitChild(Duration limit) throws InterruptedException, TimeoutException {
        ChildSaSpec spec = installed.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (spec == null) {
            throw new TimeoutException("no Child SA installed within " + limit);
        }
        return spec;
    }

    /** The next Child SA installed that {@code wanted} accepts (those installed before and rejected are skipped). */
    public ChildSaSpec awaitChild(Predicate<ChildSaSpec> wanted, Duration limit)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ChildSaSpec spec = installed.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (spec == null) {
                throw new TimeoutException("no matching Child SA installed within " + limit + "; live: " + children());
            }
            if (wanted.test(spec)) {
                return spec;
            }
        }
    }

    /**
     * The newest live Child SA whose gateway-side selectors ({@link ChildSaSpec#remoteSelectors()}) contain {@code
     * address}, waiting up to {@code limit} for one to be installed (RFC 7296 §2.9: what the client may reach).
     * Installs it sees while waiting are taken from the queue {@link #awaitChild(Duration)} reads.
     */
    public ChildSaSpec awaitRoute(IpAddress address, Duration limit) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<ChildSaSpec> now = children();
            for (int i = now.size() - 1; i >= 0; i--) {
                if (covers(now.get(i).remoteSelectors(), address)) {
                    return now.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no Child SA reaches " + address + " within " + limit + "; live: " + now);
            }
            installed.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        }
    }

    /** Whether one of {@code selectors} is an address range that contains {@code address}. */
    public static boolean covers(List<TrafficSelector> selectors, IpAddress address) {
        return selectors.stream().anyMatch(ts -> ts instanceof TrafficSelector.AddressRange r
                && r.start().family() == address.family() && r.start().compareTo(address) <= 0
                && address.compareTo(r.end()) <= 0);
    }

    /** The Child SAs installed and not yet removed (deleted or replaced), oldest first. */
    public List<ChildSaSpec> children() {
        return live.stream().map(Child::spec).toList();
    }

    /** Protects the IP packet {@code inner} with the newest Child SA and sends it as ESP in UDP to the gateway. */
    public void send(byte[] inner) {
        List<Child> now = List.copyOf(live);
        if (now.isEmpty()) {
            throw new IllegalStateException("no Child SA to send with");
        }
        InetSocketAddress floated = floatTo;
        sendRaw(now.getLast().seal(inner), floated != null ? floated : gateway);
    }

    /** Like {@link #send(byte[])}, to {@code to} instead of the gateway address. */
    public void send(byte[] inner, InetSocketAddress to) {
        List<Child> now = List.copyOf(live);
        if (now.isEmpty()) {
            throw new IllegalStateException("no Child SA to send with");
        }
        sendRaw(now.getLast().seal(inner), to);
    }

    /**
     * The next IP packet the gateway sent through any of our Child SAs, decrypted; empty after {@code limit}. A
     * datagram for an unknown SPI or that does not verify fails with {@link IllegalStateException}.
     */
    public Optional<byte[]> receive(Duration limit) throws InterruptedException {
        byte[] packet = esp.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (packet == null) {
            return Optional.empty();
        }
        int spi = ByteBuffer.wrap(packet).getInt(0);
        Child child = byInboundSpi.get(spi);
        if (child == null) {
            throw new IllegalStateException("ESP for unknown SPI " + Integer.toHexString(spi));
        }
        return Optional.of(child.open(packet));
    }

    private void sendRaw(byte[] datagram, InetSocketAddress peer) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, peer));
        } catch (IOException e) {
            throw new IllegalStateException("send to " + peer + " failed", e);
        }
    }

    private void startReceiver(DatagramSocket on) {
        receivers.add(Thread.ofPlatform().daemon().name("ike-client").start(() -> receiveLoop(on)));
    }

    private void receiveLoop(DatagramSocket socket) {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            if (data.length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0) {
                engine.receive(data, 4, data.length - 4, from, (InetSocketAddress) socket.getLocalSocketAddress());
            } else if (data.length >= EspSa.SPI_AND_SEQUENCE) {
                lastEspSource = from;
                esp.add(data);
            }
        }
    }

    private void tickLoop() {
        while (!closed) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            engine.tick(System.nanoTime());
        }
    }

    /** Deletes the IKE SA (best effort) and closes the socket. */
    @Override
    public void close() throws InterruptedException {
        engine.close();
        closed = true;
        socket.close();
        ticker.interrupt();
        for (Thread receiver : receivers) {
            receiver.join(5000);
        }
        ticker.join(5000);
    }

    /** One installed Child SA with its ESP state; encrypt and decrypt are serialized on it. */
    private record Child(ChildSaSpec spec, EspSa sa) {
        synchronized byte[] seal(byte[] inner) {
            PacketBuffer buffer = PacketBuffer.copyOf(inner, sa.headroomNeeded(), sa.tailroomNeeded());
            if (!(sa.encrypt(buffer) instanceof EspEncryptResult.Sealed)) {
                throw new IllegalStateException("Child SA " + Integer.toHexString(sa.outboundSpi())
                        + " refused to send");
            }
            return buffer.toByteArray();
        }

        synchronized byte[] open(byte[] packet) {
            PacketBuffer buffer = PacketBuffer.copyOf(packet, 0, 0);
            EspDecryptResult result = sa.decrypt(buffer);
            if (!(result instanceof EspDecryptResult.Ok)) {
                throw new IllegalStateException("ESP did not open: " + result);
            }
            return buffer.toByteArray();
        }
    }

    private final class Plane implements Dataplane {
        @Override
        public ChildSa install(ChildSaSpec spec) {
            Child child = new Child(spec, new EspSa(spec.esp()));
            byInboundSpi.put(spec.esp().inboundSpi(), child);
            live.add(child);
            installed.add(spec);
            return InertChildSa.of(spec, () -> {
                live.remove(child);
                byInboundSpi.remove(spec.esp().inboundSpi(), child);
            });
        }

        @Override
        public void peerMoved(String ikeSaId, InetSocketAddress peer) {
        }
    }
}
