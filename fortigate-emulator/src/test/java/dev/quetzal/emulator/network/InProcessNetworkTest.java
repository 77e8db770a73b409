package dev.quetzal.emulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.Ipv6Settings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.testing.Packets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The in-process corporate network: ICMP/ICMPv6 echo, UDP echo and the DNS zone. */
final class InProcessNetworkTest {
    private static final IpAddress CLIENT = IpAddress.parse("198.18.1.1");
    private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8:1::1");
    private static final IpAddress DNS = IpAddress.parse("198.18.0.53");
    private static final IpAddress DNS6 = IpAddress.parse("2001:db8:c0::53");

    private final List<byte[]> replies = new ArrayList<>();
    private InProcessNetwork network;

    @BeforeEach
    void start() {
        network = new InProcessNetwork(EmulatorConfig.builder()
                .tunnel(TunnelSettings.builder().ipv6(Ipv6Settings.enabledDefaults()).build())
                .build());
        network.start((packet, offset, length) -> replies.add(Arrays.copyOfRange(packet, offset, offset + length)));
    }

    private byte[] send(byte[] packet) {
        int before = replies.size();
        network.fromClient(packet, 0, packet.length);
        return replies.size() > before ? replies.getLast() : null;
    }

    @Test
    @DisplayName("RFC 792: echo request to 198.18.0.10 gets an echo reply, addresses swapped, checksums right")
    void icmpEcho() {
        byte[] request = Packets.icmpEcho(CLIENT, IpAddress.parse("198.18.0.10"), 0x1234, 7, 56);
        byte[] reply = send(request);
        assertEquals(request.length, reply.length);
        assertEquals(IpAddress.parse("198.18.0.10"), Packets.source(reply));
        assertEquals(CLIENT, Packets.destination(reply));
        assertEquals(0, reply[20]);
        assertEquals(0x1234, IpPackets.getShort(reply, 24));
        assertEquals(7, IpPackets.getShort(reply, 26));
        assertTrue(Packets.checksumsOk(reply));
        assertTrue(Arrays.equals(request, 28, request.length, reply, 28, reply.length), "payload echoed");
    }

    @Test
    @DisplayName("RFC 792: the gateway address answers too; addresses outside the prefixes do not")
    void whoAnswers() {
        assertTrue(send(Packets.icmpEcho(CLIENT, IpAddress.parse("198.18.255.254"), 1, 1, 8)) != null);
        assertEquals(null, send(Packets.icmpEcho(CLIENT, IpAddress.parse("198.18.7.1"), 1, 1, 8)));
        assertEquals(1, network.unanswered());
    }

    @Test
    @DisplayName("RFC 9293 §3.5: TCP to port 80 of a network address is answered (SYN-ACK), a segment outside the prefixes is not")
    void tcpToPort80() {
        byte[] syn = new byte[60];
        int length = new TcpSegment(CLIENT, IpAddress.parse("198.18.0.10"), 40001, 80, 7, 0, TcpSegment.SYN, 65535, 0, 0)
                .write(syn, null, 0);
        byte[] reply = send(Arrays.copyOf(syn, length));
        TcpSegment synAck = TcpSegment.read(reply, 0, 20, reply.length - 20);
        assertEquals(TcpSegment.SYN | TcpSegment.ACK, synAck.flags());
        assertEquals(1, network.http().opened());
        length = new TcpSegment(CLIENT, IpAddress.parse("198.18.7.1"), 40001, 80, 7, 0, TcpSegment.SYN, 65535, 0, 0)
                .write(syn, null, 0);
        assertEquals(null, send(Arrays.copyOf(syn, length)));
    }

    @Test
    @DisplayName("RFC 4443 §4.2: ICMPv6 echo reply with a correct checksum")
    void icmpv6Echo() {
        byte[] reply = send(Packets.icmpEcho(CLIENT6, IpAddress.parse("2001:db8:c0::10"), 9, 3, 16));
        assertEquals(129, reply[40] & 0xFF);
        assertEquals(CLIENT6, Packets.destination(reply));
        assertTrue(Packets.checksumsOk(reply));
    }

    @Test
    @DisplayName("RFC 862: UDP echo on port 7 over IPv4 and IPv6")
    void udpEcho() {
        byte[] data = "hello corp".getBytes();
        byte[] reply = send(Packets.udp(CLIENT, 5555, IpAddress.parse("198.18.0.10"), 7, data));
        assertEquals(7, IpPackets.getShort(reply, 20));
        assertEquals(5555, IpPackets.getShort(reply, 22));
        assertTrue(Packets.checksumsOk(reply));
        assertEquals("hello corp", new String(reply, 28, reply.length - 28));
        byte[] reply6 = send(Packets.udp(CLIENT6, 5555, IpAddress.parse("2001:db8:c0::10"), 7, data));
        assertTrue(Packets.checksumsOk(reply6));
        assertEquals("hello corp", new String(reply6, 48, reply6.length - 48));
    }

    private Message query(IpAddress server, String name, int type) throws Exception {
        byte[] reply = send(Packets.dnsQuery(server.family() == CLIENT.family() ? CLIENT : CLIENT6, server, name, type, 77));
        assertTrue(Packets.checksumsOk(reply));
        Message message = Packets.dnsAnswer(reply);
        assertEquals(77, message.getHeader().getID());
        return message;
    }

    @Test
    @DisplayName("RFC 1034 §4.3.2: A and AAAA of intranet.corp.example, authoritative")
    void dnsAddresses() throws Exception {
        Message a = query(DNS, "intranet.corp.example.", Type.A);
        assertEquals(Rcode.NOERROR, a.getRcode());
        assertTrue(a.getHeader().getFlag(org.xbill.DNS.Flags.AA));
        assertEquals("intranet.corp.example. A 198.18.0.10;", Packets.answers(a));
        Message aaaa = query(DNS6, "intranet.corp.example.", Type.AAAA);
        assertEquals("intranet.corp.example. AAAA 2001:db8:c0:0:0:0:0:10;", Packets.answers(aaaa));
    }

    @Test
    @DisplayName("RFC 1034 §4.3.2: www is a CNAME followed inside the zone")
    void dnsCname() throws Exception {
        Message a = query(DNS, "WWW.corp.example.", Type.A);
        assertEquals("www.corp.example. CNAME intranet.corp.example.;intranet.corp.example. A 198.18.0.10;",
                Packets.answers(a).replace("WWW", "www"));
    }

    @Test
    @DisplayName("RFC 2308: NODATA for a name without the type, NXDOMAIN for absent names, both with the SOA")
    void dnsNegative() throws Exception {
        Message nodata = query(DNS, "v4only.corp.example.", Type.AAAA);
        assertEquals(Rcode.NOERROR, nodata.getRcode());
        assertEquals(0, nodata.getSection(Section.ANSWER).size());
        assertEquals(Type.SOA, nodata.getSection(Section.AUTHORITY).getFirst().getType());
        Message nodata6 = query(DNS, "v6only.corp.example.", Type.A);
        assertEquals(0, nodata6.getSection(Section.ANSWER).size());
        Message nxdomain = query(DNS, "nothing.corp.example.", Type.A);
        assertEquals(Rcode.NXDOMAIN, nxdomain.getRcode());
        assertEquals(Type.SOA, nxdomain.getSection(Section.AUTHORITY).getFirst().getType());
    }

    @Test
    @DisplayName("RFC 1035 §4.1.1: names outside the zone are REFUSED; DNS only at the DNS servers")
    void dnsRefusedAndOnlyAtServers() throws Exception {
        assertEquals(Rcode.REFUSED, query(DNS, "example.com.", Type.A).getRcode());
        assertEquals(null, send(Packets.dnsQuery(CLIENT, IpAddress.parse("198.18.0.10"), "intranet.corp.example.", Type.A, 1)));
    }

    @Test
    @DisplayName("RFC 1035: a zone from the config, with a TXT record, at a custom DNS server")
    void configuredZone() throws Exception {
        InProcessNetwork custom = new InProcessNetwork(EmulatorConfig.builder()
                .tunnel(TunnelSettings.builder().dnsServers(java.util.List.of(
                        (dev.quetzal.api.net.Ipv4Address) IpAddress.parse("198.18.0.99"))).build())
                .network(new dev.quetzal.emulator.config.NetworkSettings(null, null, null,
                        new dev.quetzal.emulator.config.DnsZone("lab.test", java.util.List.of(
                                new dev.quetzal.emulator.config.ZoneRecord("app", "a", "198.18.0.20"),
                                new dev.quetzal.emulator.config.ZoneRecord("app", "TXT", "hello")))))
                .build());
        custom.start((packet, offset, length) -> replies.add(Arrays.copyOfRange(packet, offset, offset + length)));
        byte[] query = Packets.dnsQuery(CLIENT, IpAddress.parse("198.18.0.99"), "app.lab.test.", Type.TXT, 5);
        custom.fromClient(query, 0, query.length);
        assertEquals("app.lab.test. TXT \"hello\";", Packets.answers(Packets.dnsAnswer(replies.getLast())));
        query = Packets.dnsQuery(CLIENT, IpAddress.parse("198.18.0.99"), "intranet.corp.example.", Type.A, 6);
        custom.fromClient(query, 0, query.length);
        assertEquals(Rcode.REFUSED, Packets.dnsAnswer(replies.getLast()).getRcode());
    }

    @Test
    @DisplayName("malformed packets are counted and dropped, never thrown")
    void malformed() {
        byte[] good = Packets.icmpEcho(CLIENT, IpAddress.parse("198.18.0.10"), 1, 1, 8);
        for (int length = 0; length < good.length; length++) {
            network.fromClient(good, 0, length);
        }
        byte[] badHeader = good.clone();
        badHeader[10] ^= 1;
        network.fromClient(badHeader, 0, badHeader.length);
        byte[] badIcmp = good.clone();
        badIcmp[good.length - 1] ^= 1;
        network.fromClient(badIcmp, 0, badIcmp.length);
        byte[] badDns = Packets.udp(CLIENT, 1, DNS, 53, new byte[] {1, 2, 3});
        network.fromClient(badDns, 0, badDns.length);
        byte[] version5 = good.clone();
        version5[0] = 0x55;
        network.fromClient(version5, 0, version5.length);
        assertTrue(replies.isEmpty());
        assertTrue(network.malformed() >= good.length, "malformed " + network.malformed());
    }
}
