package dev.quetzal.plugin.ikev2.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

/**
 * The IKE message decoder as the engine's receive path calls it ({@code IkeMessage.decode(data, offset, length)} on
 * the datagram after any non-ESP marker): header, then the payload chain. Every input gives a typed result; what
 * decodes encodes back to the same message, and the same payload bytes decoded as an inner (SK) chain do too.
 * Corpus: {@code IkeMessageFuzzTestInputs/decode/}, whole IKE messages.
 */
@DisplayName("RFC 7296 §2.21, §3.1-3.2: IKE message decoder, fuzzed (issue 8 fuzzing)")
final class IkeMessageFuzzTest {
    private static final Set<Integer> NOTIFIES = Set.of(DecodeResult.Error.NO_REPLY, NotifyType.INVALID_SYNTAX,
            NotifyType.INVALID_MAJOR_VERSION);
    /** Octets around the message, as a receive buffer has: the decoder must read none of them. */
    private static final int GUARD = 4;

    @FuzzTest
    @DisplayName("RFC 7296 §2.21: any datagram gives a stable message or a typed error, reading only its own octets")
    void decode(byte[] message) {
        byte[] buffer = new byte[GUARD + message.length + GUARD];
        Arrays.fill(buffer, (byte) 0xA5);
        System.arraycopy(message, 0, buffer, GUARD, message.length);
        DecodeResult result = IkeMessage.decode(buffer, GUARD, message.length);
        assertNotNull(result);
        assertEquals(result, IkeMessage.decode(message.clone()), "the guard octets were read");
        switch (result) {
            case DecodeResult.Ok ok -> checkDecoded(ok, message);
            case DecodeResult.Error error -> checkError(error, message.length);
        }
    }

    private static void checkDecoded(DecodeResult.Ok ok, byte[] message) {
        IkeHeader header = ok.message().header();
        assertArrayEquals(message, ok.raw().toByteArray(), "raw is the message as received");
        assertEquals(2, header.majorVersion());
        assertEquals(message.length, header.length(), "the header's length is the datagram's");
        byte[] again = ok.message().encode();
        DecodeResult redecoded = IkeMessage.decode(again);
        IkeMessage stable = assertInstanceOf(DecodeResult.Ok.class, redecoded, "re-encoded does not decode").message();
        assertEquals(ok.message().payloads(), stable.payloads(), "payloads change through encode and decode");
        assertEquals(again.length, ok.message().encodedLength());
        // The same chain as the content of an SK payload (RFC 7296 §3.14): SK inside SK is an error there.
        byte[] chain = Arrays.copyOfRange(message, IkeHeader.SIZE, message.length);
        DecodeResult inner = IkeMessage.decodeInner(header, header.nextPayload(), chain, 0, chain.length, ok.raw());
        switch (inner) {
            case DecodeResult.Ok innerOk -> {
                assertEquals(header, innerOk.message().header());
                assertTrue(innerOk.message().firstInnerType().isEmpty(), "an SK payload inside SK was accepted");
            }
            case DecodeResult.Error error -> {
                assertEquals(DecodeResult.Stage.INSIDE_SK, error.stage());
                checkError(error, chain.length);
            }
        }
    }

    private static void checkError(DecodeResult.Error error, int length) {
        assertTrue(NOTIFIES.contains(error.notifyType()), error.toString());
        assertFalse(error.reason().isBlank());
        assertFalse(error.reason().contains("\n"));
        if (error.shouldReply()) {
            assertTrue(error.header().isPresent(), "an answer needs the SPIs and message ID: " + error);
        }
        if (length < IkeHeader.SIZE) {
            assertFalse(error.shouldReply(), "no answer to a datagram shorter than a header: " + error);
        }
    }
}
