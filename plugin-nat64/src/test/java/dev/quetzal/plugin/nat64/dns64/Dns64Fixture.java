package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Setup;
import dev.quetzal.plugin.nat64.address.Rfc6052Prefix;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.testing.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.quetzal.api.filter.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A DNS64 with a fake network: a client at 2001:db8:1::2 asks the corporate server 198.18.0.53 at
 * its Pref64 form (64:ff9b:1::/96 by default), as the translator shows it to clients.
 */
final class Dns64Fixture {
    static final IpPrefix PREFIX = IpPrefix.parse("64:ff9b:1::/96");
    static final IpAddress CLIENT = IpAddress.parse("2001:db8:1::2");
    static final IpAddress CLIENT4 = IpAddress.parse("198.18.1.2");
    static final Ipv4Address SERVER4 = (Ipv4Address) IpAddress.parse("198.18.0.53");
    static final int CLIENT_PORT = 40000;
    static final int HEADROOM = 64;
    static final int CAPACITY = 2048;

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<PacketBuffer> toServer = new ArrayList<>();
    final List<PacketBuffer> toClient = new ArrayList<>();
    final Rfc6052Prefix pref64;
    final AddressSynthesis addresses;
    final Dns64 dns64;
    final IpAddress server;
    final ClientSession session = new FakeSession();

    Dns64Fixture() {
        this(PREFIX, new Dns64Config(null, List.of("corp.example"), "empty", null, null, Duration.ofSeconds(2)));
    }

    Dns64Fixture(Dns64Config config) {
        this(PREFIX, config);
    }

    Dns64Fixture(IpPrefix prefix, Dns64Config config) {
        pref64 = new Rfc6052Prefix(prefix);
        addresses = AddressSynthesis.of(Nat64Setup.mapper(new Nat64Config(prefix), null));
        server = embed(pref64, SERVER4); // the RFC 6052 form, whatever §3.1 says
        dns64 = new Dns64(config, addresses, new Dns64.Network() {
            @Override
            public void toServer(PacketBuffer packet, ClientSession client) {
                toServer.add(packet);
            }

            @Override
            public void toClient(PacketBuffer packet, ClientSession client) {
                toClient.add(packet);
            }

            @Override
            public PacketBuffer acquire() {
                return PacketBuffer.allocate(HEADROOM, CAPACITY);
            }
        }, clock);
        dns64.uplinkChanged(new dev.quetzal.api.backend.UplinkInfo(List.of(CLIENT4), List.of(SERVER4), List.of("corp.example"),
                List.of(), 1400));
    }

    static Ipv6Address embed(Rfc6052Prefix prefix, Ipv4Address ipv4) {
        byte[] out = new byte[16];
        prefix.embed(ipv4.bits(), out, 0);
        return Ipv6Address.of(out);
    }

    void advance(Duration duration) {
        clock.advance(duration);
        dns64.expire();
    }

    // ---- exchanges (assertions included)

    /** Sends the client's query, answers it with {@code aaaaAnswer}; returns the A query DNS64 sent, or null. */
    Message nodataThenAQuery(Message query, Message aaaaAnswer) throws Exception {
        assertEquals(Verdict.PASS, dns64.outbound(clientUdp(query), session));
        PacketBuffer answerPacket = serverUdp(aaaaAnswer);
        Verdict verdict = dns64.inbound(answerPacket);
        if (toServer.isEmpty()) {
            assertEquals(Verdict.PASS, verdict);
            return null;
        }
        assertEquals(Verdict.CONSUMED, verdict);
        PacketBuffer sent = toServer.removeLast();
        assertEquals(CLIENT, DnsPackets.source(sent), "from the client's address (it is translated)");
        assertEquals(server, DnsPackets.destination(sent), "to the server the client asked");
        assertEquals(CLIENT_PORT, DnsPackets.sourcePort(sent, 40));
        return udpMessage(sent);
    }

    /** The server answers DNS64's own A query; returns what goes to the client. */
    Message answerA(Message aQuery, Record... records) throws Exception {
        return answerA(answer(aQuery, Rcode.NOERROR, records));
    }

    Message answerA(Message aAnswer) throws Exception {
        PacketBuffer packet = serverUdp(aAnswer);
        assertEquals(Verdict.PASS, dns64.inbound(packet), "the A answer becomes the client's answer in place");
        assertEquals(CLIENT, DnsPackets.destination(packet));
        assertEquals(server, DnsPackets.source(packet));
        return udpMessage(packet);
    }

    String synthesized(String ipv4) {
        return embed(pref64, (dev.quetzal.api.net.Ipv4Address) IpAddress.parse(ipv4)).toString();
    }

    static List<String> aaaaAddresses(Message message) {
        return message.getSection(Section.ANSWER).stream().filter(r -> r instanceof AAAARecord)
                .map(r -> IpAddress.of(((AAAARecord) r).getAddress()).toString()).toList();
    }

    // ---- messages

    static Name name(String text) {
        return Name.fromConstantString(text.endsWith(".") ? text : text + ".");
    }

    static Message query(String qname, int type) {
        Message query = Message.newQuery(Record.newRecord(name(qname), type, DClass.IN));
        query.getHeader().setID(0x1234);
        return query;
    }

    static Message withEdns(Message message, int size, boolean dnssecOk) {
        message.addRecord(new OPTRecord(size, 0, 0, dnssecOk ? org.xbill.DNS.ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return message;
    }

    /** The server's answer to {@code query}: same ID and question, QR, RA, the given records. */
    static Message answer(Message query, int rcode, Record... answers) {
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.RD);
        answer.getHeader().setFlag(Flags.RA);
        answer.getHeader().setRcode(rcode);
        answer.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record record : answers) {
            answer.addRecord(record, Section.ANSWER);
        }
        return answer;
    }

    static ARecord a(String owner, long ttl, String address) {
        return new ARecord(name(owner), DClass.IN, ttl, InetAddress.ofLiteral(address));
    }

    static AAAARecord aaaa(String owner, long ttl, String address) {
        try {
            // An Inet6Address even for ::ffff:a.b.c.d, which dnsjava would otherwise write as 4 bytes.
            return new AAAARecord(name(owner), DClass.IN, ttl,
                    java.net.Inet6Address.getByAddress(null, IpAddress.parse(address).toBytes(), -1));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static SOARecord soa(String zone, long ttl, long minimum) {
        return new SOARecord(name(zone), DClass.IN, ttl, name("ns." + zone), name("admin." + zone), 1, 3600, 600, 86400,
                minimum);
    }

    // ---- packets

    PacketBuffer clientUdp(Message query) {
        return udp(CLIENT, CLIENT_PORT, server, 53, query.toWire());
    }

    PacketBuffer serverUdp(Message answer) {
        return udp(server, 53, CLIENT, CLIENT_PORT, answer.toWire());
    }

    static PacketBuffer udp(IpAddress source, int sourcePort, IpAddress destination, int destinationPort, byte[] payload) {
        PacketBuffer packet = PacketBuffer.allocate(HEADROOM, CAPACITY);
        DnsPackets.writeUdp(packet, source, sourcePort, destination, destinationPort, payload);
        return packet;
    }

    /** The DNS message in a UDP packet, after checking its UDP checksum (RFC 768) and lengths. */
    static Message udpMessage(PacketBuffer packet) throws Exception {
        int udp = DnsPackets.transportOffset(packet, DnsPackets.UDP);
        if (udp < 0) {
            throw new AssertionError("not a UDP packet: " + packet);
        }
        int udpLength = packet.getUnsignedShort(udp + 4);
        if (udpLength != DnsPackets.ipLength(packet) - udp) {
            throw new AssertionError("UDP length " + udpLength + " does not match the IP length");
        }
        if (DnsPackets.transportChecksum(packet, udp, udpLength, DnsPackets.UDP) != 0) {
            throw new AssertionError("bad UDP checksum");
        }
        byte[] bytes = packet.toByteArray();
        return new Message(Arrays.copyOfRange(bytes, udp + 8, DnsPackets.ipLength(packet)));
    }

    static byte[] dnsBytes(PacketBuffer packet) {
        int udp = DnsPackets.transportOffset(packet, DnsPackets.UDP);
        return Arrays.copyOfRange(packet.toByteArray(), udp + 8, DnsPackets.ipLength(packet));
    }

    private static final class FakeSession implements ClientSession {
        @Override
        public String id() {
            return "client-1";
        }

        @Override
        public String identity() {
            return "alice";
        }

        @Override
        public List<IpAddress> innerAddresses() {
            return List.of(CLIENT, CLIENT4);
        }

        @Override
        public InetSocketAddress remoteEndpoint() {
            return new InetSocketAddress("127.0.0.1", 4500);
        }

        @Override
        public void deliver(PacketBuffer packet) {
            throw new UnsupportedOperationException("DNS64 talks through its Network, not the session");
        }
    }
}
