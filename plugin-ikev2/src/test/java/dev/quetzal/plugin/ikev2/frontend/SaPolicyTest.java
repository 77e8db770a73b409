package dev.quetzal.plugin.ikev2.frontend;

import static dev.quetzal.plugin.ikev2.frontend.Fixtures.ipv4;
import static dev.quetzal.plugin.ikev2.frontend.Fixtures.ipv6;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Selector enforcement on decrypted packets (RFC 4301 §5.2, RFC 7296 §3.13.1 selector semantics). */
final class SaPolicyTest {
    private static PacketBuffer packet(byte[] bytes) {
        return PacketBuffer.copyOf(bytes, 0, 0);
    }

    private static TrafficSelector range(int protocol, int startPort, int endPort, String start, String end) {
        return new TrafficSelector.AddressRange(protocol, startPort, endPort, IpAddress.parse(start), IpAddress.parse(end));
    }

    @Test
    @DisplayName("RFC 4301 §5.2: source in TSi and one of the client's addresses, destination in TSr")
    void inboundNeedsBothSelectorsAndTheInnerAddress() {
        SaPolicy policy = new SaPolicy(List.of(range(0, 0, 65535, "198.18.0.0", "198.18.255.255")),
                List.of(range(0, 0, 65535, "100.64.0.0", "100.64.0.255")), List.of(IpAddress.parse("100.64.0.2")));
        assertTrue(policy.inboundAllowed(packet(ipv4("100.64.0.2", "198.18.0.1"))));
        assertFalse(policy.inboundAllowed(packet(ipv4("100.64.0.3", "198.18.0.1"))), "spoofed source in TSi");
        assertFalse(policy.inboundAllowed(packet(ipv4("100.64.0.2", "198.19.0.1"))), "destination outside TSr");
        assertFalse(policy.inboundAllowed(packet(ipv6("fd00::2", "2001:db8::1", 60))), "no IPv6 selector at all");
        assertTrue(policy.outboundAllowed(packet(ipv4("198.18.7.7", "100.64.0.2"))));
        assertFalse(policy.outboundAllowed(packet(ipv4("198.18.7.7", "100.64.1.2"))));
    }

    @Test
    @DisplayName("RFC 7296 §3.13.1: protocol and port ranges; OPAQUE (65535..0) matches any port")
    void protocolsAndPorts() {
        SaPolicy dnsOnly = new SaPolicy(List.of(range(17, 53, 53, "0.0.0.0", "255.255.255.255")),
                List.of(range(0, 0, 65535, "0.0.0.0", "255.255.255.255")), List.of());
        assertTrue(dnsOnly.inboundAllowed(packet(ipv4("10.0.0.1", "10.0.0.2", 40000, 53, 60))));
        assertFalse(dnsOnly.inboundAllowed(packet(ipv4("10.0.0.1", "10.0.0.2", 40000, 54, 60))));
        byte[] tcp = ipv4("10.0.0.1", "10.0.0.2", 40000, 53, 60);
        tcp[9] = 6;
        assertFalse(dnsOnly.inboundAllowed(packet(tcp)), "TCP is not UDP");
        byte[] fragment = ipv4("10.0.0.1", "10.0.0.2", 40000, 53, 60);
        fragment[7] = 8;
        assertFalse(dnsOnly.inboundAllowed(packet(fragment)), "a later fragment has no ports to match");

        SaPolicy opaque = new SaPolicy(List.of(range(17, 65535, 0, "0.0.0.0", "255.255.255.255")),
                List.of(range(0, 0, 65535, "0.0.0.0", "255.255.255.255")), List.of());
        assertTrue(opaque.inboundAllowed(packet(fragment)));
    }

    @Test
    @DisplayName("RFC 4301 §4.4.1.3: ICMP type and code stand in for the port")
    void icmpTypeAndCode() {
        SaPolicy echoOnly = new SaPolicy(List.of(range(1, 0x0800, 0x08FF, "0.0.0.0", "255.255.255.255")),
                List.of(range(0, 0, 65535, "0.0.0.0", "255.255.255.255")), List.of());
        byte[] echo = ipv4("10.0.0.1", "10.0.0.2", 0x0800, 0, 60);
        echo[9] = 1;
        assertTrue(echoOnly.inboundAllowed(packet(echo)));
        byte[] unreachable = ipv4("10.0.0.1", "10.0.0.2", 0x0303, 0, 60);
        unreachable[9] = 1;
        assertFalse(echoOnly.inboundAllowed(packet(unreachable)));
    }

    @Test
    @DisplayName("RFC 7296 §3.13.1: IPv6 ranges compare all 128 bits; unknown selector types match nothing")
    void ipv6AndUnknownTypes() {
        SaPolicy policy = new SaPolicy(
                List.of(range(0, 0, 65535, "2001:db8::", "2001:db8::ffff"),
                        new TrafficSelector.Unknown(13, 0, Octets.of(new byte[4]))),
                List.of(range(0, 0, 65535, "fd00::", "fd00::ffff:ffff:ffff:ffff")),
                List.of(IpAddress.parse("fd00::2")));
        assertTrue(policy.inboundAllowed(packet(ipv6("fd00::2", "2001:db8::1", 60))));
        assertFalse(policy.inboundAllowed(packet(ipv6("fd00::2", "2001:db8::1:0", 60))));
        assertFalse(policy.inboundAllowed(packet(ipv6("fd00::3", "2001:db8::1", 60))), "not the client's address");
        assertFalse(policy.inboundAllowed(packet(new byte[] {0x45, 0, 0, 10})), "truncated");
    }
}
