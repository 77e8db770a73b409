package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.corpus.Corpus;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.KePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.VendorIdPayload;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The responder under an IKE_SA_INIT flood (RFC 7296 §2.6): cookies past the threshold, nothing kept for a request
 * until its cookie checks out, the cap on half-open SAs, the per-source rate and the half-open timeout, on captured
 * strongSwan 5.9.8 requests and a manual clock.
 */
@Timeout(60)
@DisplayName("RFC 7296 §2.6: cookies, half-open cap, per-source rate and expiry of half-open IKE SAs")
final class HalfOpenLimiterTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 500);
    private static final long SECOND = 1_000_000_000L;

    private final List<byte[]> sent = new ArrayList<>();
    private long now = 5 * SECOND;

    private StandardIkeEngine server(DosPolicy dos) {
        return new StandardIkeEngine(Harness.pki(KeyType.ECDSA_P256).serverConfig(ProposalPolicy.DEFAULT).withDos(dos),
                (message, offset, length, local, peer) -> sent.add(Arrays.copyOfRange(message, offset, offset + length)),
                new Harness.FakeDataplane(), new Harness.FakeEnvironment(), new SecureRandom(), () -> now,
                FragmentationHook.NONE);
    }

    /** strongSwan's captured IKE_SA_INIT request with SPIi {@code spi}. */
    private static byte[] init(long spi) {
        byte[] request = Corpus.first("IKE_SA_INIT MID=00 Initiator Request").payload().clone();
        ByteBuffer.wrap(request).putLong(0, spi);
        return request;
    }

    /** {@code request} with N(COOKIE) as its first payload (§2.6). */
    private static byte[] withCookie(byte[] request, byte[] cookie) {
        IkeMessage message = ((DecodeResult.Ok) IkeMessage.decode(request)).message();
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(NotifyPayload.of(NotifyType.COOKIE, Octets.of(cookie)));
        payloads.addAll(message.payloads());
        return new IkeMessage(message.header(), payloads).encode();
    }

    private static InetSocketAddress source(int n) {
        return new InetSocketAddress("198.18." + (n >> 8 & 0xFF) + "." + (n & 0xFF), 500);
    }

    private static void receive(StandardIkeEngine server, byte[] request, InetSocketAddress from) {
        server.receive(request, 0, request.length, from, SERVER);
    }

    private IkeMessage lastAnswer() {
        return ((DecodeResult.Ok) IkeMessage.decode(sent.getLast())).message();
    }

    /** The cookie of the last answer, which must hold nothing else (§2.6). */
    private byte[] lastCookie() {
        IkeMessage answer = lastAnswer();
        assertEquals(1, answer.payloads().size(), "only N(COOKIE): " + answer.payloads());
        NotifyPayload cookie = assertInstanceOf(NotifyPayload.class, answer.payloads().getFirst());
        assertEquals(NotifyType.COOKIE, cookie.notifyType());
        assertEquals(0, answer.header().responderSpi(), "no responder SPI: nothing was allocated");
        assertTrue(answer.header().response());
        return cookie.data().toByteArray();
    }

    /** Our initiator and a responder that asks every IKE_SA_INIT for a cookie. */
    private static Harness alwaysCookies() {
        Harness.Pki pki = Harness.pki(KeyType.ECDSA_P256);
        return new Harness(pki.clientConfig(ProposalPolicy.DEFAULT, false),
                pki.serverConfig(ProposalPolicy.DEFAULT).withDos(new DosPolicy(0, 10, 20)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dos(StandardIkeEngine server) {
        return (Map<String, Object>) server.table().status().get("dos");
    }

    private static long counter(StandardIkeEngine server, String name) {
        return server.table().counters().get(name);
    }

    @Test
    @DisplayName("§2.6: with cookies on, 1000 requests from 1000 sources get only a COOKIE each and leave no state")
    void statelessUntilValid() {
        StandardIkeEngine server = server(new DosPolicy(0, 100, 20));
        byte[] request = init(0x1111);
        for (int i = 0; i < 1000; i++) {
            receive(server, request, source(i));
            lastCookie();
        }
        assertEquals(1000, sent.size(), "one answer each");
        assertTrue(sent.getLast().length < request.length, "the answer is smaller than the request: no amplifier");
        assertEquals(1000, counter(server, "cookie_sent"));
        assertTrue(server.table().all().isEmpty(), "no IKE SA");
        assertEquals(0, server.table().halfOpenCount());
        assertEquals(0, dos(server).get("trackedSources"), "no per-source state either");

        receive(server, withCookie(request, lastCookie()), source(999));
        assertEquals(1, counter(server, "cookie_valid"));
        assertEquals(1, server.table().halfOpenCount());
        IkeMessage answer = lastAnswer();
        assertTrue(answer.first(KePayload.class).isPresent(), "a full IKE_SA_INIT response: " + answer.payloads());
        assertTrue(answer.header().responderSpi() != 0);
    }

    @Test
    @DisplayName("§2.6: a wrong cookie (another source's, altered, or two secrets old) gets a new COOKIE and no state")
    void wrongCookie() {
        StandardIkeEngine server = server(new DosPolicy(0, 100, 20));
        byte[] request = init(0x2222);
        receive(server, request, source(1));
        byte[] cookie = lastCookie();

        receive(server, withCookie(request, cookie), source(2));
        lastCookie();
        byte[] altered = cookie.clone();
        altered[5] ^= 0x40;
        receive(server, withCookie(request, altered), source(1));
        lastCookie();
        now += 2 * CookieChallenge.ROTATE_NANOS;
        receive(server, withCookie(request, cookie), source(1));
        byte[] fresh = lastCookie();

        assertEquals(3, counter(server, "cookie_invalid"));
        assertEquals(0, counter(server, "cookie_valid"));
        assertTrue(server.table().all().isEmpty());
        assertEquals(0, dos(server).get("trackedSources"));

        receive(server, withCookie(request, fresh), source(1));
        assertEquals(1, counter(server, "cookie_valid"), "the new cookie works");
        assertEquals(1, server.table().halfOpenCount());
    }

    @Test
    @DisplayName("§2.6: a cookie made just before the secret rotates is still accepted after it")
    void previousSecretAccepted() {
        StandardIkeEngine server = server(new DosPolicy(0, 100, 20));
        byte[] request = init(0x3333);
        receive(server, request, source(1));
        byte[] cookie = lastCookie();
        now += CookieChallenge.ROTATE_NANOS + SECOND;
        receive(server, withCookie(request, cookie), source(1));
        assertEquals(1, counter(server, "cookie_valid"));
        assertEquals(1, server.table().halfOpenCount());
    }

    @Test
    @DisplayName("§2.6: cookies engage at the threshold; past maxHalfOpen even a valid cookie gets no SA")
    void cap() {
        StandardIkeEngine server = server(new DosPolicy(2, 2, 20));
        receive(server, init(1), source(1));
        receive(server, init(2), source(2));
        assertEquals(2, server.table().halfOpenCount(), "below the threshold: no cookie asked");
        assertEquals(0, counter(server, "cookie_sent"));
        assertEquals(false, dos(server).get("cookiesOn"));

        receive(server, init(3), source(3));
        byte[] cookie = lastCookie();
        assertEquals(true, dos(server).get("cookiesOn"));
        int answers = sent.size();
        receive(server, withCookie(init(3), cookie), source(3));
        assertEquals(1, counter(server, "cookie_valid"));
        assertEquals(1, counter(server, "init_refused_half_open_cap"));
        assertEquals(answers, sent.size(), "dropped without an answer");
        assertEquals(2, server.table().halfOpenCount());
    }

    @Test
    @DisplayName("§2.6: one source gets at most initRatePerSource new IKE SAs a second")
    void ratePerSource() {
        StandardIkeEngine server = server(new DosPolicy(100, 1000, 2));
        for (int spi = 1; spi <= 3; spi++) {
            receive(server, init(spi), source(1));
        }
        receive(server, init(4), source(2));
        assertEquals(3, server.table().halfOpenCount(), "two from the first source, one from the second");
        assertEquals(1, counter(server, "init_refused_rate"));

        now += SECOND;
        receive(server, init(5), source(1));
        assertEquals(4, server.table().halfOpenCount(), "a second later the source may start another");
        server.tick(now + SECOND);
        assertEquals(0, dos(server).get("trackedSources"), "finished windows are forgotten on the tick");
    }

    @Test
    @DisplayName("§2.6: half-open SAs expire after 30 s without IKE_AUTH, and cookies turn off again")
    void expiry() {
        StandardIkeEngine server = server(new DosPolicy(2, 100, 20));
        receive(server, init(1), source(1));
        receive(server, init(2), source(2));
        receive(server, init(3), source(3));
        lastCookie();
        assertEquals(true, dos(server).get("cookiesOn"));

        now += IkeSaTable.HALF_OPEN_NANOS - 1;
        server.tick(now);
        assertEquals(2, server.table().halfOpenCount(), "not yet");
        now += 1;
        server.tick(now);
        assertEquals(0, server.table().halfOpenCount());
        assertTrue(server.table().all().isEmpty());
        assertEquals(2, counter(server, "half_open_timeout"));
        assertEquals(false, dos(server).get("cookiesOn"), "below half the threshold: cookies off");

        receive(server, init(4), source(4));
        assertEquals(1, server.table().halfOpenCount(), "admitted without a cookie");
    }

    @Test
    @DisplayName("§2.6: an IKE_SA_INIT above 4096 octets, which a half-open SA would keep until IKE_AUTH, gets no SA")
    void oversizedRequest() {
        StandardIkeEngine server = server(new DosPolicy(100, 1000, 20));
        IkeMessage message = ((DecodeResult.Ok) IkeMessage.decode(init(7))).message();
        List<IkePayload> payloads = new ArrayList<>(message.payloads());
        payloads.add(new VendorIdPayload(Octets.of(new byte[HalfOpenLimiter.MAX_INIT_REQUEST])));
        receive(server, new IkeMessage(message.header(), payloads).encode(), source(1));
        assertEquals(1, counter(server, "init_too_large"));
        assertTrue(sent.isEmpty());
        assertTrue(server.table().all().isEmpty());

        receive(server, init(8), source(1));
        assertEquals(1, server.table().halfOpenCount(), "the usual request still gets its SA");
    }

    @Test
    @DisplayName("§2.6: our initiator returns the COOKIE first and connects while cookies are always on")
    void initiatorReturnsCookie() {
        Harness h = alwaysCookies();
        IkeSa sa = h.connect();
        assertEquals(IkeSa.State.ESTABLISHED, sa.state(), "AUTH signed the request with the cookie on both sides");
        assertEquals(1, h.client.table().counters().get("cookie_returned"));
        assertEquals(1, h.server.table().counters().get("cookie_sent"));
        assertEquals(1, h.server.table().counters().get("cookie_valid"));
        assertEquals(0, h.server.table().halfOpenCount(), "established: no longer half-open");
        IkeMessage second = ((DecodeResult.Ok) IkeMessage.decode(h.network.delivered.get(2).data())).message();
        NotifyPayload first = assertInstanceOf(NotifyPayload.class, second.payloads().getFirst());
        assertEquals(NotifyType.COOKIE, first.notifyType(), "the cookie is the first payload");
        assertFalse(h.server.table().all().isEmpty());
    }

    @Test
    @DisplayName("§2.6: an initiator gives up after a few COOKIE answers instead of looping")
    void initiatorGivesUp() {
        Harness h = alwaysCookies();
        // Every returned cookie is altered on the way, so the responder never accepts it.
        h.network.drop = d -> {
            if (d.to().equals(Harness.SERVER) && d.data()[16] == PayloadType.NOTIFY) {
                d.data()[28 + 8] ^= 1; // the cookie's version octet
            }
            return false;
        };
        IkeSa sa = h.connect();
        assertEquals(IkeSa.State.CLOSED, sa.state());
        assertEquals(ResponseHandler.MAX_COOKIES, h.client.table().counters().get("cookie_returned"));
        assertEquals(1, h.client.table().counters().get("cookie_unusable"));
        assertTrue(h.server.table().all().isEmpty());
    }
}
