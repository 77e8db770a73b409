package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.api.net.Ipv4Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A client endpoint and a server endpoint wired back to back in memory, through the Fortinet framing
 * and the stream decoder (fortivpn-protocol.md §5), with a fake monotonic clock advanced in 250 ms
 * ticks as the owners would call {@link PppEndpoint#tick}. No threads, no sleeping.
 */
final class PppPair {
    static final Ipv4Address GATEWAY = new Ipv4Address(0xc6120001); // 198.18.0.1
    static final Ipv4Address CLIENT = new Ipv4Address(0xc6120002); // 198.18.0.2
    static final Ipv4Address DNS1 = new Ipv4Address(0xc6120035); // 198.18.0.53
    static final Ipv4Address DNS2 = new Ipv4Address(0xc6120036); // 198.18.0.54
    static final long TICK = Duration.ofMillis(250).toNanos();

    long now = 1_000_000_000L;
    final Side client;
    final Side server;

    PppPair(PppSettings clientSettings, int clientMagic, PppSettings serverSettings, int serverMagic) {
        client = new Side("client");
        server = new Side("server");
        client.peer = server;
        server.peer = client;
        client.endpoint = new PppEndpoint(clientSettings, clientMagic, client);
        server.endpoint = new PppEndpoint(serverSettings, serverMagic, server);
    }

    static PppSettings.Builder clientSettings() {
        return PppSettings.client(CLIENT).requestDns(true);
    }

    static PppSettings.Builder serverSettings() {
        return PppSettings.server(GATEWAY, CLIENT).dnsServers(List.of(DNS1, DNS2));
    }

    /** Both owners open their endpoint (tunnel GET done), then frames flow until both are quiet. */
    void open() {
        client.endpoint.open(now);
        server.endpoint.open(now);
        pump();
    }

    /** Delivers queued frames, alternating directions, until none is left. */
    void pump() {
        int rounds = 0;
        while (!client.inbox.isEmpty() || !server.inbox.isEmpty()) {
            if (++rounds > 10_000) {
                fail("the endpoints never stop talking");
            }
            client.deliverOne();
            server.deliverOne();
        }
    }

    /** Advances the clock by {@code duration} in 250 ms ticks, ticking both endpoints. */
    void run(Duration duration) {
        long end = now + duration.toNanos();
        while (now - end < 0) {
            step();
        }
    }

    /** Ticks until {@code condition} holds; fails after {@code limit} of fake time. */
    void runUntil(BooleanSupplier condition, Duration limit) {
        long end = now + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (now - end >= 0) {
                fail("condition not reached within " + limit);
            }
            step();
        }
    }

    private void step() {
        now += TICK;
        client.endpoint.tick(now);
        server.endpoint.tick(now);
        pump();
    }

    boolean bothUp() {
        return !client.up.isEmpty() && !server.up.isEmpty();
    }

    final class Side implements PppEndpoint.Listener {
        final String name;
        PppEndpoint endpoint;
        Side peer;
        final FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
        /** Every PPP frame this side sent, as hex, lost or not. */
        final List<String> sent = new ArrayList<>();
        final List<NetworkParameters> up = new ArrayList<>();
        final List<String> down = new ArrayList<>();
        final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        /** Frames this side sends that the network loses. */
        Predicate<String> lose = frame -> false;
        long upAt = -1;
        long downAt = -1;

        Side(String name) {
            this.name = name;
        }

        @Override
        public void sendFrame(byte[] frame, int offset, int length) {
            String hex = Hex.of(frame, offset, length);
            sent.add(hex);
            if (lose.test(hex)) {
                return;
            }
            byte[] framed = new byte[FortiFrame.HEADER_LENGTH + length];
            FortiFrame.writeHeader(framed, 0, length);
            System.arraycopy(frame, offset, framed, FortiFrame.HEADER_LENGTH, length);
            peer.inbox.add(framed);
        }

        @Override
        public void networkUp(NetworkParameters parameters) {
            up.add(parameters);
            upAt = now;
        }

        @Override
        public void linkDown(PppEndpoint.LinkDownReason reason, String detail) {
            down.add(reason + ": " + detail);
            downAt = now;
        }

        /** Injects a raw PPP frame (hex) as if the peer had sent it. */
        void inject(String pppHex) {
            byte[] ppp = Hex.bytes(pppHex);
            byte[] framed = new byte[FortiFrame.HEADER_LENGTH + ppp.length];
            FortiFrame.writeHeader(framed, 0, ppp.length);
            System.arraycopy(ppp, 0, framed, FortiFrame.HEADER_LENGTH, ppp.length);
            inbox.add(framed);
        }

        /** Frames sent whose hex starts with {@code prefix} (protocol and code, say). */
        List<String> sentStartingWith(String prefix) {
            return sent.stream().filter(frame -> frame.startsWith(prefix)).toList();
        }

        private void deliverOne() {
            byte[] framed = inbox.poll();
            if (framed == null) {
                return;
            }
            try {
                // As an owner does: data frames stay on the data path, the rest goes to the endpoint.
                decoder.feed(framed, 0, framed.length, (array, offset, length) -> {
                    endpoint.frameReceived(now);
                    int protocol = PppHeader.protocol(array, offset, length);
                    boolean data = (protocol == PppProtocol.IPV4 && endpoint.ipv4Open())
                            || (protocol == PppProtocol.IPV6 && endpoint.ipv6Open());
                    if (!data) {
                        endpoint.receiveFrame(array, offset, length, now);
                    }
                });
            } catch (FramingException e) {
                throw new AssertionError(name + " received a bad frame", e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
