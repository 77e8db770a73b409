package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SPI table that finds an ESP packet's SA (RFC 4303 §2.1: the SPI selects the SA on receipt). */
final class SpiTableTest {
    @Test
    @DisplayName("RFC 4303 §2.1: every SPI finds its own SA through growth, removal and re-adding")
    void behavesLikeAMap() {
        SpiTable<String> table = new SpiTable<>();
        Map<Integer, String> reference = new HashMap<>();
        Random random = new Random(7);
        for (int round = 0; round < 5000; round++) {
            // Few distinct keys in a narrow range so that probes collide and removals reopen chains.
            int spi = 256 + random.nextInt(300);
            if (random.nextInt(3) == 0) {
                String value = reference.get(spi);
                assertEquals(value != null, value != null && table.remove(spi, value));
                reference.remove(spi);
            } else {
                String value = "sa-" + round;
                assertEquals(reference.put(spi, value), table.put(spi, value));
            }
            assertEquals(reference.size(), table.size());
        }
        for (int spi = 0; spi < 700; spi++) {
            assertEquals(reference.get(spi), table.get(spi), "SPI " + spi);
        }
        assertEquals(reference.size(), table.values().size());
    }

    @Test
    @DisplayName("RFC 4303 §2.1: removing an SPI only removes the SA it still names")
    void removesOnlyTheSameValue() {
        SpiTable<String> table = new SpiTable<>();
        table.put(0x1234_5678, "new");
        assertFalse(table.remove(0x1234_5678, "old"));
        assertSame("new", table.get(0x1234_5678));
        assertTrue(table.remove(0x1234_5678, "new"));
        assertNull(table.get(0x1234_5678));
        assertNull(table.get(0xFFFF_FFFF));
    }
}
