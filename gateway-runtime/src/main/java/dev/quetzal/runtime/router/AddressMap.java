package dev.quetzal.runtime.router;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.Map;

/**
 * An immutable open-addressing map from inner address to session, read on the data path without
 * locks or allocation: IPv4 keys are ints, IPv6 keys two longs, as the header accessors return them.
 * Tables are at most half full, so a probe always ends on an empty slot.
 */
final class AddressMap {
    static final AddressMap EMPTY = new AddressMap(Map.of());

    private final int[] v4Keys;
    private final ClientSession[] v4Values;
    private final long[] v6Keys; // high, low per slot
    private final ClientSession[] v6Values;

    AddressMap(Map<IpAddress, ClientSession> entries) {
        int v4Count = 0;
        for (IpAddress address : entries.keySet()) {
            if (address instanceof Ipv4Address) {
                v4Count++;
            }
        }
        v4Keys = new int[tableSize(v4Count)];
        v4Values = new ClientSession[v4Keys.length];
        v6Values = new ClientSession[tableSize(entries.size() - v4Count)];
        v6Keys = new long[2 * v6Values.length];
        entries.forEach((address, session) -> {
            switch (address) {
                case Ipv4Address v4 -> putIpv4(v4.bits(), session);
                case Ipv6Address v6 -> putIpv6(v6.high(), v6.low(), session);
            }
        });
    }

    ClientSession findIpv4(int address) {
        int mask = v4Values.length - 1;
        for (int slot = hash(address) & mask; ; slot = (slot + 1) & mask) {
            ClientSession session = v4Values[slot];
            if (session == null || v4Keys[slot] == address) {
                return session;
            }
        }
    }

    ClientSession findIpv6(long high, long low) {
        int mask = v6Values.length - 1;
        for (int slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
            ClientSession session = v6Values[slot];
            if (session == null || (v6Keys[2 * slot] == high && v6Keys[2 * slot + 1] == low)) {
                return session;
            }
        }
    }

    private void putIpv4(int address, ClientSession session) {
        int mask = v4Values.length - 1;
        int slot = hash(address) & mask;
        while (v4Values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        v4Keys[slot] = address;
        v4Values[slot] = session;
    }

    private void putIpv6(long high, long low, ClientSession session) {
        int mask = v6Values.length - 1;
        int slot = hash(high, low) & mask;
        while (v6Values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        v6Keys[2 * slot] = high;
        v6Keys[2 * slot + 1] = low;
        v6Values[slot] = session;
    }

    /** A power of two with room for twice {@code count}, at least 2. */
    private static int tableSize(int count) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, 2 * count - 1)) << 1);
    }

    // Inner addresses are usually consecutive, so mix the bits before masking (Fibonacci hashing).
    private static int hash(int address) {
        int h = address * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int hash(long high, long low) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ low;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }
}
