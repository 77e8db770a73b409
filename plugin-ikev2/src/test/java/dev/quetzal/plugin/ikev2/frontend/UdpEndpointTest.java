package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The frontend's sockets (RFC 7296 §2.23: IKE on 500, NAT-T on 4500) and what their bind errors tell an operator. */
@DisplayName("ikev2 UDP endpoints: bind errors name the address and the likely cause (RFC 7296 §2.23 ports)")
final class UdpEndpointTest {
    @Test
    @DisplayName("a port another socket holds: the error names it and says who usually holds IKE ports")
    void portInUse() throws Exception {
        try (UdpEndpoint first = UdpEndpoint.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            BindException e = assertThrows(BindException.class, () -> UdpEndpoint.bind(first.local()));
            assertTrue(e.getMessage().startsWith("cannot listen on UDP 127.0.0.1:" + first.port() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("another program has it"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a privileged port without the capability, and an address not on this host, get their own hints")
    void otherCauses() {
        InetSocketAddress ike = new InetSocketAddress(InetAddress.getLoopbackAddress(), 500);
        assertTrue(UdpEndpoint.explained(new BindException("Permission denied"), ike).getMessage()
                .endsWith("Permission denied; ports below 1024 need root or CAP_NET_BIND_SERVICE (setcap"
                        + " cap_net_bind_service=+ep on the java binary, or AmbientCapabilities= in a systemd unit)"));
        assertTrue(UdpEndpoint.explained(new BindException("Cannot assign requested address"), ike).getMessage()
                .endsWith("; listenAddress is not an address of this host"));
    }
}
