package dev.quetzal.plugin.ikev2.fragment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quetzal.plugin.ikev2.crypto.DirectionKeys;
import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ManualClock;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkfPayload;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/**
 * RFC 7383 reassembly ({@link Reassembler}) fed fragment sequences the fuzzer chooses: authentic fragments of any
 * message ID, direction, exchange, number and total, in any order and repetition; forged and corrupted ones; time
 * passing. Small limits, so eviction, timeouts and the size bound are reached.
 *
 * <p>Input: octet 0 picks the suite (bit 0: AES-GCM-16 or AES-CBC + HMAC-SHA-256-128), then operations, each an
 * opcode octet (low 2 bits) and its operands: 0, an authentic fragment (selector, total, number, content length,
 * content); 1, a forged datagram (length, octets); 2, time passes (seconds); 3, an authentic fragment with one bit
 * flipped (as 0, then the bit). Each authentic fragment's content starts with a 2-octet serial, so a reassembled
 * message can be taken apart into the fragments it was made of.
 */
@DisplayName("RFC 7383 §2.6, §5: fragment reassembly, fuzzed (issue 8 fuzzing)")
final class ReassemblerFuzzTest {
    private static final ReassemblyLimits LIMITS = new ReassemblyLimits(8, 768, 2, Duration.ofSeconds(30));
    private static final int[] EXCHANGES = {ExchangeType.IKE_AUTH, ExchangeType.INFORMATIONAL,
            ExchangeType.CREATE_CHILD_SA, ExchangeType.IKE_SA_INIT};
    private static final int MAX_OPERATIONS = 64;

    /** What an authentic fragment carried, by the serial at the start of its content. */
    private record Sent(long messageId, boolean response, int exchangeType, int number, int total, byte[] content) {
    }

    /** Reads operands; past the end every octet is 0. */
    private static final class Input {
        private final byte[] data;
        private int position;

        Input(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return position < data.length;
        }

        int u8() {
            return position < data.length ? data[position++] & 0xFF : 0;
        }

        byte[] bytes(int length) {
            int from = Math.min(position, data.length);
            position = Math.min(data.length, from + length);
            return Arrays.copyOfRange(data, from, position);
        }
    }

    @FuzzTest
    @DisplayName("RFC 7383 §2.6: only authentic fragments are kept; a reassembled message is exactly its fragments")
    void reassemble(byte[] data) {
        Input in = new Input(data);
        IkeSuite suite = (in.u8() & 1) == 0 ? FragmentFixtures.gcm256() : FragmentFixtures.cbc256();
        byte[] encryption = new byte[suite.encryptionKeyMaterialLength()];
        byte[] integrity = new byte[suite.integrity().keyLength()];
        Arrays.fill(encryption, (byte) 0x5E);
        Arrays.fill(integrity, (byte) 0x1A);
        DirectionKeys keys = new DirectionKeys(encryption, integrity);
        SecureRandom random = new SecureRandom();
        IkeCipher sender = IkeCipher.create(suite, keys, random);
        ManualClock clock = new ManualClock();
        Reassembler reassembler = new Reassembler(IkeCipher.create(suite, keys, random), LIMITS, clock);
        Map<Integer, Sent> sent = new HashMap<>();
        for (int operation = 0; operation < MAX_OPERATIONS && in.more(); operation++) {
            int opcode = in.u8();
            switch (opcode & 3) {
                case 0 -> {
                    byte[] wire = authentic(in, sender, sent);
                    accept(reassembler, wire, sent, false);
                }
                case 1 -> accept(reassembler, in.bytes(in.u8()), sent, true);
                case 2 -> clock.advance(Duration.ofSeconds(in.u8()));
                default -> {
                    byte[] wire = authentic(in, sender, sent);
                    int bit = (in.u8() << 8 | in.u8()) % (wire.length * 8);
                    wire[bit / 8] ^= (byte) (1 << (bit % 8));
                    accept(reassembler, wire, sent, true);
                }
            }
            assertTrue(reassembler.pending() <= LIMITS.maxConcurrent(), "more messages kept than the limit");
        }
    }

    private static byte[] authentic(Input in, IkeCipher cipher, Map<Integer, Sent> sent) {
        int selector = in.u8();
        long messageId = selector & 3;
        boolean response = (selector & 4) != 0;
        int exchange = EXCHANGES[(selector >> 3) & 3];
        int total = 1 + (in.u8() & 15);
        int number = 1 + in.u8() % total;
        int serial = sent.size();
        byte[] content = new byte[2 + (in.u8() & 63)];
        content[0] = (byte) (serial >> 8);
        content[1] = (byte) serial;
        byte[] tail = in.bytes(content.length - 2);
        System.arraycopy(tail, 0, content, 2, tail.length);
        sent.put(serial, new Sent(messageId, response, exchange, number, total, content));
        IkeHeader header = IkeHeader.of(0x1f2e3d4c5b6a7988L, 0x0102030405060708L, exchange, true, response, messageId);
        int bodyLength = cipher.bodyLength(content.length);
        int firstInnerType = number == 1 ? PayloadType.NOTIFY : PayloadType.NONE;
        byte[] wire = new IkeMessage(header, new SkfPayload(firstInnerType, number, total,
                Octets.of(new byte[bodyLength]))).encode();
        cipher.encrypt(wire, 0, wire.length - bodyLength, content, 0, content.length);
        return wire;
    }

    private static void accept(Reassembler reassembler, byte[] wire, Map<Integer, Sent> sent, boolean forged) {
        if (!(IkeMessage.decode(wire) instanceof DecodeResult.Ok decoded)) {
            return;
        }
        // Expiry happens first in accept too; done here, it cannot be mistaken for a change the fragment made.
        reassembler.expire();
        int pendingBefore = reassembler.pending();
        Map<FragmentDropReason, Long> dropsBefore = drops(reassembler);
        ReassemblyResult result = reassembler.accept(decoded);
        assertNotNull(result);
        if (forged) {
            assertInstanceOf(ReassemblyResult.Rejected.class, result, "a fragment made without the keys was kept");
            assertEquals(pendingBefore, reassembler.pending(), "a rejected fragment changed what is collected");
        }
        switch (result) {
            case ReassemblyResult.Rejected rejected -> {
                Map<FragmentDropReason, Long> expected = new HashMap<>(dropsBefore);
                expected.merge(rejected.reason(), 1L, Long::sum);
                assertEquals(expected, drops(reassembler), "each rejection is counted once, by its reason");
                if (rejected.reason() != FragmentDropReason.TOO_LARGE) {
                    assertEquals(pendingBefore, reassembler.pending(), rejected.toString());
                }
            }
            case ReassemblyResult.Incomplete incomplete -> {
                assertTrue(incomplete.received() < incomplete.total(), incomplete.toString());
                assertEquals(decoded.message().header().messageId(), incomplete.messageId());
            }
            case ReassemblyResult.Complete complete -> checkComplete(complete, sent);
        }
    }

    /** The content must be fragments 1..total of one message, each authentic and in order. */
    private static void checkComplete(ReassemblyResult.Complete complete, Map<Integer, Sent> sent) {
        byte[] content = complete.content().toByteArray();
        IkeHeader header = complete.header();
        int position = 0;
        int total = -1;
        for (int number = 1; total < 0 || number <= total; number++) {
            if (position + 2 > content.length) {
                fail("reassembled content ends inside fragment " + number);
            }
            Sent part = sent.get((content[position] & 0xFF) << 8 | content[position + 1] & 0xFF);
            assertNotNull(part, "reassembled content holds octets no fragment carried");
            total = total < 0 ? part.total() : total;
            assertEquals(number, part.number(), "fragments out of order");
            assertEquals(total, part.total(), "fragments of different totals joined");
            assertEquals(header.messageId(), part.messageId(), "fragments of another message joined");
            assertEquals(header.response(), part.response(), "a request and a response joined");
            assertEquals(header.exchangeType(), part.exchangeType(), "fragments of another exchange joined");
            assertTrue(position + part.content().length <= content.length, "fragment " + number + " cut short");
            assertArrayEquals(part.content(), Arrays.copyOfRange(content, position, position + part.content().length));
            position += part.content().length;
        }
        assertEquals(content.length, position, "octets after the last fragment");
        assertEquals(total, complete.rawFragments().size());
        assertEquals(PayloadType.NOTIFY, complete.firstInnerType(), "the first inner type is fragment 1's");
        if (complete.decode() instanceof DecodeResult.Error error) {
            assertEquals(DecodeResult.Stage.INSIDE_SK, error.stage());
        }
    }

    private static Map<FragmentDropReason, Long> drops(Reassembler reassembler) {
        Map<FragmentDropReason, Long> out = new HashMap<>();
        for (FragmentDropReason reason : FragmentDropReason.values()) {
            out.put(reason, reassembler.drops(reason));
        }
        return out;
    }
}
