package dev.quetzal.emulator.tunnel;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.EmulatorHooks;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.http.HttpRequestReader;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.network.IpPackets;
import dev.quetzal.emulator.session.Session;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All tunnel connections: opening them, the periodic tick, and the tunnel-wide test hooks. */
public final class Tunnels {
    /** Where generated benchmark traffic comes from: intranet.corp.example, UDP discard port. */
    static final Ipv4Address GENERATOR_SOURCE = (Ipv4Address) IpAddress.parse("198.18.0.10");
    private static final Logger LOG = LoggerFactory.getLogger(Tunnels.class);

    private final TunnelServices services;

    public Tunnels(TunnelSettings settings, EmulatorStats stats, EmulatorHooks hooks, CorporateNetwork network,
            TunnelRegistry registry, SecureRandom random) {
        ServerPinger pinger = new ServerPinger(settings.gateway(), gateway6(settings), random.nextInt());
        this.services = new TunnelServices(settings, stats, hooks, network, registry, pinger, random);
    }

    /** The gateway's own IPv6 address: the last-but-one address of the IPv6 prefix. */
    public static Ipv6Address gateway6(TunnelSettings settings) {
        IpPrefix prefix = settings.ipv6().prefix();
        Ipv6Address last = (Ipv6Address) prefix.lastAddress();
        return new Ipv6Address(last.high(), last.low() - 1);
    }

    /** Switches the connection to PPP for {@code session} and serves it until it ends. */
    public void run(Socket tcp, SSLSocket tls, HttpRequestReader reader, Session session) throws IOException {
        new TunnelConnection(tcp, tls, session, services).run(reader);
    }

    public List<TunnelConnection> tunnels() {
        return services.registry().tunnels();
    }

    public void tick(long now) {
        for (TunnelConnection tunnel : tunnels()) {
            try {
                tunnel.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("Tick of {} failed", tunnel, e);
            }
        }
    }

    public void cutAll() {
        tunnels().forEach(TunnelConnection::abort);
    }

    public void terminateAll(String reason) {
        tunnels().forEach(t -> t.terminate(reason));
    }

    public void sendMalformedFrame() {
        tunnels().forEach(TunnelConnection::sendMalformedFrame);
    }

    public int ping(IpAddress client, int count) {
        TunnelConnection tunnel = services.registry().find(client);
        return tunnel == null ? 0 : services.pinger().ping(tunnel, client, count);
    }

    /** UDP/IPv4 packets of {@code size} bytes to every open tunnel, round-robin, waiting on full queues. */
    public long generate(int size, long count) {
        if (size < IpPackets.IPV4_HEADER + IpPackets.UDP_HEADER || size > 65_000) {
            throw new IllegalArgumentException("expected an IP packet size 28..65000, got " + size);
        }
        List<TunnelConnection> targets = tunnels().stream().filter(TunnelConnection::up).toList();
        if (targets.isEmpty()) {
            return 0;
        }
        byte[][] packets = new byte[targets.size()][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = udpPacket(size, targets.get(i).address());
        }
        long queued = 0;
        for (long n = 0; n < count; n++) {
            int i = (int) (n % packets.length);
            if (targets.get(i).sendToClientWaiting(packets[i], 0, size)) {
                queued++;
            }
        }
        return queued;
    }

    /** Terminates every tunnel and waits (at most {@code timeoutMillis}) for them to close, then resets the rest. */
    public void closeAll(String reason, long timeoutMillis) {
        terminateAll(reason);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!tunnels().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        cutAll();
    }

    private static byte[] udpPacket(int size, Ipv4Address client) {
        byte[] packet = new byte[size];
        IpPackets.writeIpv4Header(packet, 0, size, IpPackets.PROTOCOL_UDP, GENERATOR_SOURCE.bits(), client.bits(), 0, 64);
        int udp = IpPackets.IPV4_HEADER;
        IpPackets.putShort(packet, udp, 9);
        IpPackets.putShort(packet, udp + 2, 9);
        IpPackets.putShort(packet, udp + 4, size - udp);
        int checksum = IpPackets.transportChecksum(packet, 0, udp, size - udp, IpPackets.PROTOCOL_UDP);
        IpPackets.putShort(packet, udp + 6, checksum == 0 ? 0xFFFF : checksum);
        return packet;
    }
}
