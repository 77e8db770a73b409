package dev.quetzal.runtime.router;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.service.AddressPool;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The leases of one prefix, as offsets from its first address. Offset 0 is never leased (the IPv4
 * network address, the IPv6 Subnet-Router anycast address), offset 1 is the gateway's, and for IPv4
 * the last offset is the broadcast address.
 *
 * <p>Free addresses are found by a rotating cursor, so a released address rests before it is reused,
 * and addresses remembered for a returning client are skipped while fresh ones remain.
 */
final class FamilyPool {
    // An IPv6 /64 has 2^64 offsets; a pool never needs more than this many.
    private static final int MAX_HOST_BITS = 62;
    private static final int MAX_REMEMBERED = 65_536;

    private final IpPrefix prefix;
    private final long first;
    private final long count;
    private final Object lock = new Object();
    // Guarded by lock.
    private final Set<Long> leased = new HashSet<>();
    // Guarded by lock: the last address of each client key, oldest first, and the reverse.
    private final LinkedHashMap<String, Long> remembered = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, String> rememberedFor = new HashMap<>();
    private long cursor;

    FamilyPool(IpPrefix prefix) {
        this.prefix = prefix;
        int hostBits = prefix.family().bits() - prefix.length();
        long size = 1L << Math.min(hostBits, MAX_HOST_BITS);
        boolean broadcast = prefix.family() == IpFamily.IPV4;
        this.first = 2;
        long last = broadcast ? size - 2 : size - 1;
        this.count = last - first + 1;
        this.cursor = first;
    }

    IpPrefix prefix() {
        return prefix;
    }

    IpAddress gatewayAddress() {
        return prefix.address().plus(1);
    }

    Optional<AddressPool.Lease> lease(String clientKey) {
        Objects.requireNonNull(clientKey, "clientKey");
        synchronized (lock) {
            if (leased.size() >= count) {
                return Optional.empty();
            }
            Long previous = remembered.get(clientKey);
            long offset = previous != null && !leased.contains(previous) ? previous : nextFree(clientKey);
            take(offset, clientKey);
            return Optional.of(new FamilyLease(offset, prefix.address().plus(offset)));
        }
    }

    /** Only called when some offset is free. */
    private long nextFree(String clientKey) {
        // Among any n + 1 offsets at most n are leased or remembered for others, so this ends early.
        long limit = Math.min(count, (long) leased.size() + rememberedFor.size() + 1);
        long offset = cursor;
        for (long i = 0; i < limit; i++, offset = next(offset)) {
            String owner = rememberedFor.get(offset);
            if (!leased.contains(offset) && (owner == null || owner.equals(clientKey))) {
                cursor = next(offset);
                return offset;
            }
        }
        // Every free address is remembered for someone: take one, and that client gets another later.
        offset = cursor;
        while (leased.contains(offset)) {
            offset = next(offset);
        }
        cursor = next(offset);
        return offset;
    }

    private long next(long offset) {
        return offset + 1 < first + count ? offset + 1 : first;
    }

    private void take(long offset, String clientKey) {
        leased.add(offset);
        String formerOwner = rememberedFor.put(offset, clientKey);
        if (formerOwner != null && !formerOwner.equals(clientKey)) {
            remembered.remove(formerOwner);
        }
        Long formerOffset = remembered.put(clientKey, offset);
        if (formerOffset != null && formerOffset != offset) {
            rememberedFor.remove(formerOffset);
        }
        if (remembered.size() > MAX_REMEMBERED) {
            Iterator<Map.Entry<String, Long>> eldest = remembered.entrySet().iterator();
            Map.Entry<String, Long> entry = eldest.next();
            rememberedFor.remove(entry.getValue());
            eldest.remove();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return prefix + " (" + leased.size() + "/" + count + " leased)";
        }
    }

    private final class FamilyLease implements AddressPool.Lease {
        private final long offset;
        private final IpAddress address;
        private boolean closed; // guarded by lock

        FamilyLease(long offset, IpAddress address) {
            this.offset = offset;
            this.address = address;
        }

        @Override
        public IpAddress address() {
            return address;
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!closed) {
                    closed = true;
                    leased.remove(offset);
                }
            }
        }

        @Override
        public String toString() {
            return "Lease[" + address + "]";
        }
    }
}
