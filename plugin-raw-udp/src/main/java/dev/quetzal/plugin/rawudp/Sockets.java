package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Socket address helpers shared by the frontend and the backend. */
final class Sockets {
    private Sockets() {}

    static InetSocketAddress resolve(HostPort hostPort) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(hostPort.host()), hostPort.port());
    }
}
