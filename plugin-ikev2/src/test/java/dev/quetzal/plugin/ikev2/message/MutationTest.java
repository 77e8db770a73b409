package dev.quetzal.plugin.ikev2.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 §2.21 and issue 4's acceptance ("every decoder is tested on mutations of real packets"): 10,000
 * seeded random mutations of valid messages each give a typed result, never an exception, and whatever decodes
 * encodes back to a message that decodes the same.
 */
final class MutationTest {
    private static final int ROUNDS = 10_000;
    private static final Set<Integer> NOTIFIES = Set.of(DecodeResult.Error.NO_REPLY, NotifyType.INVALID_SYNTAX,
            NotifyType.INVALID_MAJOR_VERSION);

    @Test
    @DisplayName("RFC 7296 §3: 10k mutations of whole messages (header length kept consistent half of the time)")
    void mutatedMessages() {
        Random random = new Random(0x1CE_2026L);
        List<byte[]> valid = Samples.validMessages();
        int ok = 0;
        int errors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] mutated = mutate(valid.get(random.nextInt(valid.size())), random);
            if (mutated.length >= IkeHeader.SIZE && random.nextBoolean()) {
                ByteBuffer.wrap(mutated).putInt(24, mutated.length);
            }
            DecodeResult result = decodeWithoutException(mutated, round);
            if (result instanceof DecodeResult.Ok decoded) {
                ok++;
                checkStable(decoded, round);
            } else {
                errors++;
                checkError((DecodeResult.Error) result, round);
            }
        }
        // Both outcomes must be common, or the mutations would not reach the payload decoders.
        assertTrue(ok > ROUNDS / 20, "only " + ok + " mutations decoded");
        assertTrue(errors > ROUNDS / 20, "only " + errors + " mutations failed");
    }

    @Test
    @DisplayName("RFC 7296 §3.14: 10k mutations of decrypted IKE_AUTH content give INSIDE_SK errors or stable messages")
    void mutatedInnerChains() {
        Random random = new Random(7296L);
        byte[] plaintext = PayloadChain.encode(Samples.strongSwanAuthInner());
        int ok = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] mutated = mutate(plaintext, random);
            int first = random.nextInt(8) == 0 ? random.nextInt(256) : PayloadType.IDI;
            DecodeResult result;
            try {
                result = IkeMessage.decodeInner(Samples.authHeader(), first, mutated, 0, mutated.length, Octets.EMPTY);
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " threw on " + Octets.of(mutated).toHex(), e);
            }
            switch (result) {
                case DecodeResult.Ok decoded -> {
                    ok++;
                    byte[] again = PayloadChain.encode(decoded.message().payloads());
                    DecodeResult redecoded = IkeMessage.decodeInner(Samples.authHeader(),
                            PayloadChain.firstType(decoded.message().payloads()), again, 0, again.length, Octets.EMPTY);
                    assertEquals(decoded.message(), ((DecodeResult.Ok) redecoded).message(), "round " + round);
                }
                case DecodeResult.Error error -> {
                    assertEquals(DecodeResult.Stage.INSIDE_SK, error.stage());
                    checkError(error, round);
                }
            }
        }
        assertTrue(ok > ROUNDS / 20, "only " + ok + " mutations decoded");
    }

    private static DecodeResult decodeWithoutException(byte[] data, int round) {
        try {
            DecodeResult result = IkeMessage.decode(data);
            assertNotNull(result);
            return result;
        } catch (RuntimeException e) {
            return fail("round " + round + " threw on " + Octets.of(data).toHex(), e);
        }
    }

    private static void checkStable(DecodeResult.Ok decoded, int round) {
        byte[] again = decoded.message().encode();
        DecodeResult redecoded = IkeMessage.decode(again);
        if (!(redecoded instanceof DecodeResult.Ok(IkeMessage message, Octets raw))) {
            throw new AssertionError("round " + round + ": re-encoded message does not decode: " + redecoded);
        }
        assertEquals(decoded.message(), message, "round " + round);
        assertEquals(again.length, raw.length());
    }

    private static void checkError(DecodeResult.Error error, int round) {
        assertTrue(NOTIFIES.contains(error.notifyType()), "round " + round + ": " + error);
        assertFalse(error.reason().isBlank());
        assertFalse(error.reason().contains("\n"));
    }

    /** One to four edits: overwrite a byte, flip a bit, cut, extend, or duplicate a slice. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] data = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && data.length > 0; i++) {
            int at = random.nextInt(data.length);
            data = switch (random.nextInt(6)) {
                case 0, 1 -> {
                    data[at] = (byte) random.nextInt(256);
                    yield data;
                }
                case 2 -> {
                    data[at] ^= (byte) (1 << random.nextInt(8));
                    yield data;
                }
                case 3 -> Arrays.copyOf(data, at);
                case 4 -> Arrays.copyOf(data, data.length + 1 + random.nextInt(16));
                default -> {
                    int length = Math.min(data.length - at, 1 + random.nextInt(12));
                    byte[] longer = Arrays.copyOf(data, data.length + length);
                    System.arraycopy(data, at, longer, at + length, data.length - at);
                    yield longer;
                }
            };
        }
        return data;
    }
}
