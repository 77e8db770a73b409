package dev.quetzal.runtime.napt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Incremental checksum update, RFC 1624 §3 eqn. 3, against full recomputation (RFC 1071). */
@DisplayName("incremental checksum update (RFC 1624)")
final class ChecksumsTest {
    @Test
    @DisplayName("RFC 1624 §4 example: 0xDD2F with 0x5555 -> 0x3285 gives 0x0000, not eqn. 2's 0xFFFF")
    void rfc1624Example() {
        assertEquals(0x0000, Checksums.adjust(0xDD2F, 0x5555, 0x3285));
    }

    @Test
    @DisplayName("updating one word, a 32-bit and a 64-bit value matches a full recomputation (10,000 random cases)")
    void matchesFullRecomputation() {
        Random random = new Random(1624);
        for (int round = 0; round < 10_000; round++) {
            int[] words = new int[12];
            for (int i = 0; i < words.length; i++) {
                words[i] = random.nextInt(0x10000);
            }
            int checksum = full(words);
            int at = random.nextInt(8);
            long old = ((long) words[at] << 48) | ((long) words[at + 1] << 32) | ((long) words[at + 2] << 16)
                    | words[at + 3];
            long now = random.nextLong();
            for (int i = 0; i < 4; i++) {
                words[at + i] = (int) (now >>> (48 - 16 * i)) & 0xFFFF;
            }
            assertEquals(full(words), Checksums.adjust64(checksum, old, now), "round " + round);
        }
    }

    private static int full(int[] words) {
        long sum = 0;
        for (int word : words) {
            sum += word;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
