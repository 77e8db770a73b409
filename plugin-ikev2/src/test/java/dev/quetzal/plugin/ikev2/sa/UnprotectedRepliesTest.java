package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.corpus.Corpus;
import dev.quetzal.plugin.ikev2.engine.StandardIkeEngine;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Unprotected error answers of the responder, on captured strongSwan messages, with a fake clock for the rate limit. */
@Timeout(30)
@DisplayName("RFC 7296 §1.5, §2.5, §2.21.1, §2.21.4, §3.10.1: error answers outside an IKE SA, rate-limited")
final class UnprotectedRepliesTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 500);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 500);
    private static final long SECOND = 1_000_000_000L;

    private final List<byte[]> sent = new ArrayList<>();
    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private long now = 5 * SECOND;
    private final StandardIkeEngine server = new StandardIkeEngine(
            Harness.pki(KeyType.ECDSA_P256).serverConfig(ProposalPolicy.DEFAULT),
            (message, offset, length, local, peer) -> {
                sent.add(Arrays.copyOfRange(message, offset, offset + length));
                sentTo.add(peer);
            },
            new Harness.FakeDataplane(), new Harness.FakeEnvironment(), new SecureRandom(), () -> now,
            FragmentationHook.NONE);

    /** The captured IKE_SA_INIT request of strongSwan 5.9.8. */
    private static byte[] init() {
        return Corpus.first("IKE_SA_INIT MID=00 Initiator Request").payload();
    }

    /** The captured first IKE_AUTH fragment, without its non-ESP marker: SPIs of an SA this engine never saw. */
    private static byte[] authFragment() {
        byte[] datagram = Corpus.first("IKE_AUTH MID=01 Initiator Request (fragment 1/2)").payload();
        return Arrays.copyOfRange(datagram, 4, datagram.length);
    }

    private void receive(byte[] message) {
        server.receive(message, 0, message.length, CLIENT, SERVER);
    }

    private long counter(String name) {
        return server.table().counters().get(name);
    }

    /** The one answer sent, decoded; checks §1.5: unprotected (one Notify, nothing else), same SPIs and Message ID. */
    private NotifyPayload onlyAnswerTo(byte[] request) {
        assertEquals(1, sent.size(), "one answer");
        assertEquals(CLIENT, sentTo.getFirst(), "§2.21.4: to the address and port the request came from");
        DecodeResult decoded = IkeMessage.decode(sent.getFirst());
        IkeMessage answer = ((DecodeResult.Ok) decoded).message();
        IkeHeader h = answer.header();
        IkeHeader asked = IkeHeader.parse(request, 0, request.length).orElseThrow();
        assertEquals(asked.initiatorSpi(), h.initiatorSpi());
        assertEquals(asked.responderSpi(), h.responderSpi());
        assertEquals(asked.messageId(), h.messageId());
        assertEquals(asked.exchangeType(), h.exchangeType());
        assertEquals(2, h.majorVersion(), "our header says the version we speak");
        assertTrue(h.response(), "an answer is a response");
        assertEquals(1, answer.payloads().size(), "only the Notify, unprotected");
        return (NotifyPayload) answer.payloads().getFirst();
    }

    @Test
    @DisplayName("§2.5: a request with major version 3 gets INVALID_MAJOR_VERSION in a version 2 header; no SA")
    void higherMajorVersion() {
        byte[] request = init();
        request[17] = 0x30;
        receive(request);
        assertEquals(NotifyType.INVALID_MAJOR_VERSION, onlyAnswerTo(request).notifyType());
        assertEquals(1, counter("invalid_major_version"));
        assertEquals(1, counter("error_answer_invalid_major_version"));
        assertTrue(server.table().all().isEmpty());
    }

    @Test
    @DisplayName("§2.21.4: a response never gets an answer, whatever is wrong with it (version, unknown SPI)")
    void responsesAreNeverAnswered() {
        byte[] versionThree = init();
        versionThree[17] = 0x30;
        versionThree[19] = 0x20; // R flag
        receive(versionThree);
        byte[] response = Corpus.first("IKE_AUTH MID=01 Responder Response (fragment 1/2)").payload();
        receive(Arrays.copyOfRange(response, 4, response.length));
        assertTrue(sent.isEmpty());
        assertEquals(1, counter("invalid_major_version"));
        assertEquals(1, counter("unknown_spi"));
    }

    @Test
    @DisplayName("§2.5, §3.10.1: IKE_SA_INIT with an unknown critical payload gets UNSUPPORTED_CRITICAL_PAYLOAD with"
            + " its type; no SA")
    void unsupportedCriticalPayload() {
        byte[] request = withCriticalPayload(init(), 200);
        receive(request);
        NotifyPayload notify = onlyAnswerTo(request);
        assertEquals(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, notify.notifyType());
        assertArrayEquals(new byte[] {(byte) 200}, notify.data().toByteArray());
        assertEquals(1, counter("unsupported_critical_payload"));
        assertTrue(server.table().all().isEmpty());
    }

    @Test
    @DisplayName("§3.10.1, §2.21.1: INVALID_SYNTAX only inside a verified SK payload, so a broken IKE_SA_INIT (bad"
            + " lengths, a KE value off the curve) is dropped and counted, unanswered")
    void malformedInitIsOnlyDropped() {
        byte[] request = init();
        request[IkeHeader.SIZE + 3] = 3; // the SA payload's length, below the generic header
        receive(request);
        byte[] shortened = Arrays.copyOf(init(), init().length - 1);
        receive(shortened);
        byte[] badKe = init();
        int ke = IkeHeader.SIZE + (((badKe[IkeHeader.SIZE + 2] & 0xFF) << 8) | (badKe[IkeHeader.SIZE + 3] & 0xFF));
        assertEquals(34, badKe[IkeHeader.SIZE] & 0xFF, "the SA payload is followed by KE");
        Arrays.fill(badKe, ke + 8, ke + 8 + 64, (byte) 0); // ECP-256 point (0, 0): not on the curve (RFC 5903 §7)
        receive(badKe);
        assertTrue(sent.isEmpty());
        assertEquals(1, counter("malformed_payload"));
        assertEquals(1, counter("malformed_length"));
        assertEquals(1, counter("init_invalid_ke_value"));
        assertTrue(server.table().all().isEmpty());
    }

    @Test
    @DisplayName("§2.21.4, §1.5: a protected request for an unknown IKE SPI gets INVALID_IKE_SPI, unprotected")
    void unknownSpi() {
        byte[] request = authFragment();
        receive(request);
        assertEquals(NotifyType.INVALID_IKE_SPI, onlyAnswerTo(request).notifyType());
        assertEquals(ExchangeType.IKE_AUTH, IkeHeader.parse(sent.getFirst(), 0, IkeHeader.SIZE).orElseThrow()
                .exchangeType());
        assertEquals(1, counter("unknown_spi"));
        assertEquals(1, counter("error_answer_invalid_ike_spi"));
    }

    @Test
    @DisplayName("§2.21.4: error answers are rate-limited to 10 a second (token bucket), every refusal counted")
    void rateLimited() {
        byte[] request = authFragment();
        for (int i = 0; i < 25; i++) {
            receive(request);
        }
        assertEquals(UnprotectedReplies.ANSWERS_PER_SECOND, sent.size());
        assertEquals(25 - UnprotectedReplies.ANSWERS_PER_SECOND, counter("error_answer_rate_limited"));
        assertEquals(25, counter("unknown_spi"));
        now += SECOND / UnprotectedReplies.ANSWERS_PER_SECOND;
        receive(request);
        receive(request);
        assertEquals(UnprotectedReplies.ANSWERS_PER_SECOND + 1, sent.size(), "one token back after 100 ms");
        now += 60 * SECOND;
        for (int i = 0; i < 25; i++) {
            receive(request);
        }
        assertEquals(2 * UnprotectedReplies.ANSWERS_PER_SECOND + 1, sent.size(), "a long pause saves up one burst only");
    }

    /** {@code message} with an unknown payload of {@code type}, critical bit set, in front of its first payload. */
    static byte[] withCriticalPayload(byte[] message, int type) {
        byte[] body = {1, 2, 3, 4};
        ByteBuffer out = ByteBuffer.allocate(message.length + 4 + body.length);
        out.put(message, 0, IkeHeader.SIZE);
        out.put((byte) message[16]).put((byte) 0x80).putShort((short) (4 + body.length)).put(body);
        out.put(message, IkeHeader.SIZE, message.length - IkeHeader.SIZE);
        byte[] wire = out.array();
        wire[16] = (byte) type;
        ByteBuffer.wrap(wire).putInt(24, wire.length);
        return wire;
    }
}
