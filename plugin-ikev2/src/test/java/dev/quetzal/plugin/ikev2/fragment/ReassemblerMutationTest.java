package dev.quetzal.plugin.ikev2.fragment;

import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.authRequest;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ciphers;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.decode;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.CipherPair;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ManualClock;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkfPayload;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7383 §2.6: every fragment is integrity-checked on arrival, and the whole message, header and SKF header included,
 * is authenticated (RFC 7296 §3.14, RFC 5282 §5.1). So any mutation of a real fragment must be discarded with a
 * reason, never throw, and never disturb the collection in progress.
 */
final class ReassemblerMutationTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7383 §2.6: every single-bit flip of a fragment is rejected; the genuine fragments still complete")
    void everyBitFlipRejected(IkeSuite suite) {
        CipherPair pair = ciphers(suite);
        byte[] inner = randomBytes(700);
        List<byte[]> fragments = Fragmenter.fragment(authRequest(9), PayloadType.IDI, inner, 0, inner.length,
                pair.sender(), 600);
        assertEquals(2, fragments.size());
        Reassembler reassembler = new Reassembler(pair.receiver(), ReassemblyLimits.DEFAULT, new ManualClock());
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(0))));
        byte[] second = fragments.get(1);
        int rejected = 0;
        for (int bit = 0; bit < second.length * 8; bit++) {
            byte[] mutated = second.clone();
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            if (IkeMessage.decode(mutated) instanceof DecodeResult.Ok ok) {
                assertInstanceOf(ReassemblyResult.Rejected.class, reassembler.accept(ok), "bit " + bit);
                rejected++;
            }
        }
        // Most flips land in the protected body and get as far as the integrity check.
        assertEquals(true, rejected > second.length * 8 * 3 / 4, rejected + " reached the reassembler");
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(second)));
        assertArrayEquals(inner, complete.content().toByteArray());
    }

    @Test
    @DisplayName("RFC 7383 §2.6: random multi-byte corruption and truncated bodies never throw and leave no state")
    void randomCorruption() {
        CipherPair pair = ciphers(FragmentFixtures.cbc256());
        Random random = new Random(7383);
        byte[] inner = randomBytes(3000);
        List<byte[]> fragments = Fragmenter.fragment(authRequest(2), PayloadType.IDI, inner, 0, inner.length,
                pair.sender(), 800);
        Reassembler reassembler = new Reassembler(pair.receiver(), ReassemblyLimits.DEFAULT, new ManualClock());
        for (int round = 0; round < 2000; round++) {
            byte[] mutated = fragments.get(random.nextInt(fragments.size())).clone();
            // Distinct positions, each changed to a different value: the fragment really differs.
            random.ints(0, mutated.length).distinct().limit(1 + random.nextInt(8))
                    .forEach(position -> mutated[position] ^= (byte) (1 + random.nextInt(255)));
            if (IkeMessage.decode(mutated) instanceof DecodeResult.Ok ok) {
                assertInstanceOf(ReassemblyResult.Rejected.class, reassembler.accept(ok));
            }
        }
        assertEquals(0, reassembler.pending());
        // An SKF body too short to hold IV, pad length and ICV is malformed, not an exception.
        for (int length = 0; length < 48; length++) {
            byte[] shortBody = new IkeMessage(authRequest(2), new SkfPayload(PayloadType.IDI, 1, 2,
                    Octets.of(new byte[length]))).encode();
            ReassemblyResult.Rejected r = assertInstanceOf(ReassemblyResult.Rejected.class,
                    reassembler.accept(decode(shortBody)));
            assertEquals(true, r.reason() == FragmentDropReason.MALFORMED
                    || r.reason() == FragmentDropReason.INTEGRITY_FAILURE, r.toString());
        }
        assertEquals(0, reassembler.pending());
    }
}
