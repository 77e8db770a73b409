package dev.quetzal.plugin.nat64.address;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The learned client table behind RFC 7915 §4.1 source/destination mapping for clients whose IPv6
 * address is not under the Pref64 (an EAM-like entry per session, RFC 7757 §3).
 */
class ClientTableTest {
    private static byte[] lookup(ClientTable table, int ipv4) {
        byte[] out = new byte[20];
        return table.lookup(ipv4, out, 2) ? java.util.Arrays.copyOfRange(out, 2, 18) : null;
    }

    private static byte[] address(long high, long low) {
        byte[] a = new byte[16];
        for (int b = 0; b < 8; b++) {
            a[b] = (byte) (high >>> (56 - 8 * b));
            a[8 + b] = (byte) (low >>> (56 - 8 * b));
        }
        return a;
    }

    @Test
    @DisplayName("RFC 7757 §3: entries learned in any order are all found, unknown addresses are not")
    void learnsInAnyOrder() {
        ClientTable table = new ClientTable();
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        table.learn(0xC6120105, 0x20010db8_00000000L, 5, a);
        table.learn(0xC6120101, 0x20010db8_00000000L, 1, b);
        table.learn(0x0A000001, 0x20010db8_00000000L, 9, c);
        assertEquals(3, table.size());
        assertArrayEquals(address(0x20010db8_00000000L, 5), lookup(table, 0xC6120105));
        assertArrayEquals(address(0x20010db8_00000000L, 1), lookup(table, 0xC6120101));
        assertArrayEquals(address(0x20010db8_00000000L, 9), lookup(table, 0x0A000001));
        assertEquals(null, lookup(table, 0xC6120102));
    }

    @Test
    @DisplayName("RFC 7757 §3: a new session with the same IPv4 address replaces the old entry")
    void replaces() {
        ClientTable table = new ClientTable();
        Object old = new Object();
        Object now = new Object();
        table.learn(0xC6120105, 1, 2, old);
        table.learn(0xC6120105, 3, 4, now);
        assertEquals(1, table.size());
        assertArrayEquals(address(3, 4), lookup(table, 0xC6120105));
    }

    @Test
    @DisplayName("an address taken over by another session is forgotten; the owner's own entry stays")
    void forgetsOnlyForeignEntries() {
        ClientTable table = new ClientTable();
        Object owner = new Object();
        table.learn(0xC6120101, 1, 1, owner);
        table.learn(0xC6120102, 2, 2, owner);
        table.learn(0xC6120103, 3, 3, owner);
        table.forgetUnlessOwnedBy(0xC6120102, owner);
        assertEquals(3, table.size());
        table.forgetUnlessOwnedBy(0xC6120102, new Object());
        assertEquals(2, table.size());
        assertFalse(table.lookup(0xC6120102, new byte[16], 0));
        assertTrue(table.lookup(0xC6120101, new byte[16], 0));
        assertArrayEquals(address(3, 3), lookup(table, 0xC6120103));
        table.forgetUnlessOwnedBy(0x01020304, new Object());
        assertEquals(2, table.size());
    }
}
