package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * A gateway built from JSON with the {@code ikev2} frontend in single-port mode on 127.0.0.1 and the raw-udp uplink,
 * whose peer is {@link #uplink()}: what clients send through their tunnel arrives there, and what it sends to {@link
 * #backend()} goes to them. The PKI's files must be in {@code folder}.
 */
final class RawUdpGateway implements AutoCloseable {
    private final Gateway gateway;
    private final Ikev2Frontend frontend;
    private final DatagramSocket uplink;
    private final InetSocketAddress backend;

    private RawUdpGateway(Gateway gateway, DatagramSocket uplink, InetSocketAddress backend) {
        this.gateway = gateway;
        this.frontend = (Ikev2Frontend) gateway.components().getLast().component();
        this.uplink = uplink;
        this.backend = backend;
    }

    /** Starts it with the frontend's {@code lifetimes} object (JSON). */
    static RawUdpGateway start(Path folder, TestPki pki, String lifetimes) throws Exception {
        DatagramSocket uplink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int backendPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            backendPort = probe.getLocalPort();
        }
        LoadedConfig config = GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "natPort": 0, "singlePort": true,
                                 "certificate": "%s", "key": "%s", "clientCa": "%s", "lifetimes": %s}],
                  "backend": {"type": "raw-udp", "peer": "127.0.0.1:%d", "bind": "127.0.0.1:%d"},
                  "status": {"enabled": false}
                }
                """.formatted(pki.certificate().getFileName(), pki.key().getFileName(), pki.clientCa().getFileName(),
                lifetimes, uplink.getLocalPort(), backendPort), Map.of());
        Gateway gateway = GatewayModule.createGateway(config);
        try {
            gateway.start();
        } catch (RuntimeException e) {
            uplink.close();
            throw e;
        }
        return new RawUdpGateway(gateway, uplink, new InetSocketAddress("127.0.0.1", backendPort));
    }

    Ikev2Frontend frontend() {
        return frontend;
    }

    /** The frontend's one UDP port (IKE and ESP). */
    InetSocketAddress port() {
        return frontend.localEndpoints().getFirst();
    }

    DatagramSocket uplink() {
        return uplink;
    }

    InetSocketAddress backend() {
        return backend;
    }

    @Override
    public void close() {
        gateway.stop();
        uplink.close();
    }
}
