package dev.quetzal.plugin.nat64.xlat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 1071 sums and the RFC 1624 incremental update. */
final class ChecksumTest {
    @Test
    @DisplayName("RFC 1624 eqn. 3: an incremental update equals a recomputation, and a wrong checksum stays wrong by as much")
    void incrementalMatchesFull() {
        Random random = new Random(1624);
        for (int i = 0; i < 10_000; i++) {
            byte[] data = new byte[2 + random.nextInt(60) * 2];
            random.nextBytes(data);
            int full = Checksum.finish(Checksum.add(0, data, 0, data.length));
            int at = random.nextInt(data.length / 2) * 2;
            int oldWord = Checksum.u16(data, at);
            int newWord = random.nextInt(0x10000);
            Checksum.put16(data, at, newWord);
            int recomputed = Checksum.finish(Checksum.add(0, data, 0, data.length));
            int updated = Checksum.update(full, oldWord, newWord);
            // Ones' complement has two zeros: 0x0000 and 0xFFFF are the same sum.
            assertEquals(recomputed % 0xFFFF, updated % 0xFFFF);
            int off = Checksum.update(full ^ 1, oldWord, newWord);
            assertEquals(Math.floorMod((full ^ 1) - full, 0xFFFF), Math.floorMod(off - updated, 0xFFFF),
                    "the error is carried over unchanged");
        }
    }

    @Test
    @DisplayName("RFC 1071 §4.1: the worked example sums to 0xddf2")
    void rfc1071Example() {
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Checksum.add(0, data, 0, data.length));
        assertEquals(0xddf2, Checksum.add(Checksum.add(0, data, 0, 4), data, 4, 4), "sums chain on even offsets");
        assertEquals(0x220d, Checksum.finish(0xddf2));
    }
}
