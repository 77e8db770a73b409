package dev.quetzal.plugin.splitdns;

import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.splitdns.dns.DnsMessage;
import dev.quetzal.plugin.splitdns.dns.DnsReader;
import dev.quetzal.plugin.splitdns.dns.DnsWriter;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Split DNS for clients' queries (RFC 8598 §1: only the split domains are resolved inside): a query
 * for a name under a tunnel domain passes into the tunnel; any other query is answered REFUSED in
 * place, or resolved on the host and answered from there, and never enters the tunnel.
 */
final class ClientQueries {
    private static final Logger LOG = LoggerFactory.getLogger(ClientQueries.class);
    /** Answers made from the host's resolver are short-lived: the host's own cache has the real TTL. */
    static final long RESOLVED_TTL = 60;
    /** Enough addresses for any client, and an answer that fits in 512 bytes (RFC 1035 §4.2.1). */
    private static final int MAX_ADDRESSES = 16;

    private final FilterContext context;
    private final SplitDnsCounters counters;
    private final boolean refuse;

    ClientQueries(FilterContext context, SplitDnsCounters counters, boolean refuse) {
        this.context = context;
        this.counters = counters;
        this.refuse = refuse;
    }

    /**
     * Decides about a client's UDP datagram to port 53 whose name is outside {@code passDomains}:
     * null to let it pass, or the verdict when this class answered it.
     */
    Verdict handle(PacketBuffer packet, int udp, ClientSession client, List<String> passDomains) {
        int payload = udp + UdpPackets.UDP_HEADER;
        DnsMessage.Parse parse = DnsReader.read(
                packet.array(), packet.arrayOffset() + payload, UdpPackets.payloadLength(packet, udp));
        if (!(parse instanceof DnsMessage.Parsed(DnsMessage query))) {
            counters.malformed().increment();
            return null;
        }
        // Only standard queries with one question (RFC 1035 §4.1.2 allows more, nobody sends them) are judged.
        if (query.isResponse() || query.opcode() != 0 || query.questions().size() != 1) {
            return null;
        }
        DnsMessage.Question question = query.questions().getFirst();
        if (DomainName.longestMatch(question.name(), passDomains) != null) {
            return null;
        }
        boolean addressQuery = question.qclass() == DnsMessage.CLASS_IN
                && (question.type() == DnsMessage.TYPE_A || question.type() == DnsMessage.TYPE_AAAA);
        if (refuse || !addressQuery) {
            refuseInPlace(packet, udp, query);
            counters.refused().increment();
            return Verdict.REPLY;
        }
        IpAddress clientAddress = UdpPackets.sourceAddress(packet);
        IpAddress server = UdpPackets.destinationAddress(packet);
        int clientPort = UdpPackets.sourcePort(packet, udp);
        packet.release();
        context.resolver().resolve(question.name()).handle((addresses, error) -> {
            answer(client, clientAddress, clientPort, server, query, addresses, error);
            return null;
        });
        return Verdict.CONSUMED;
    }

    /**
     * Whether a client's TCP segment to port 53 carries a standard query for a name outside
     * {@code passDomains}. The tunnel's DNS servers are routed, so such a query would otherwise reach
     * them over TCP. The segment is judged by the message at its start: framed with its two-octet
     * length (RFC 1035 §4.2.2), or, from clients that write the length in a segment of its own, the
     * bare message. Anything that does not parse as a query is not judged.
     */
    boolean isOtherTcpQuery(PacketBuffer packet, int tcp, List<String> passDomains) {
        int payload = packet.arrayOffset() + TcpSegments.payloadOffset(packet, tcp);
        int length = TcpSegments.payloadLength(packet, tcp);
        if (length < 2) {
            return false;
        }
        int framed = packet.getUnsignedShort(TcpSegments.payloadOffset(packet, tcp));
        DnsMessage.Parse parse = framed <= length - 2
                ? DnsReader.read(packet.array(), payload + 2, framed)
                : DnsReader.read(packet.array(), payload, length);
        if (!(parse instanceof DnsMessage.Parsed(DnsMessage query))
                || query.isResponse() || query.opcode() != 0 || query.questions().size() != 1) {
            return false;
        }
        return DomainName.longestMatch(query.questions().getFirst().name(), passDomains) == null;
    }

    /** RFC 1035 §4.1.1: the query becomes a response with RCODE 5 and only its question section. */
    private static void refuseInPlace(PacketBuffer packet, int udp, DnsMessage query) {
        int payload = udp + UdpPackets.UDP_HEADER;
        int flags = 0x8000 | 0x0080 | (query.flags() & 0x7900) | DnsMessage.RCODE_REFUSED;
        packet.putShort(payload + 2, flags);
        packet.putShort(payload + 6, 0);
        packet.putShort(payload + 8, 0);
        packet.putShort(payload + 10, 0);
        UdpPackets.turnAround(packet, udp, query.questionEnd());
    }

    private void answer(ClientSession client, IpAddress clientAddress, int clientPort, IpAddress server,
            DnsMessage query, List<IpAddress> addresses, Throwable error) {
        DnsMessage.Question question = query.questions().getFirst();
        IpFamily family = question.type() == DnsMessage.TYPE_A ? IpFamily.IPV4 : IpFamily.IPV6;
        int rcode;
        List<IpAddress> records = List.of();
        if (error == null) {
            rcode = DnsMessage.RCODE_NOERROR;
            records = addresses.stream().filter(a -> a.family() == family).limit(MAX_ADDRESSES).toList();
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            rcode = cause instanceof UnknownHostException ? DnsMessage.RCODE_NXDOMAIN : DnsMessage.RCODE_SERVFAIL;
            if (rcode == DnsMessage.RCODE_SERVFAIL) {
                LOG.debug("split-dns: host resolver failed for {}: {}", question.name(), cause.toString());
            }
        }
        byte[] dns = DnsWriter.answer(query.id(), query.flags(), question, rcode, records, RESOLVED_TTL);
        PacketBuffer out = context.buffers().acquire();
        if (!UdpPackets.write(out, server, ProactiveQueries.DNS_PORT, clientAddress, clientPort, dns)) {
            out.release();
            return;
        }
        counters.resolved().increment();
        context.inject(Direction.INBOUND, out, client);
    }
}
