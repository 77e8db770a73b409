package dev.quetzal.api.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of addresses of one family, the shape of an IKEv2 traffic selector
 * (RFC 7296 §3.13.1).
 */
public record IpRange(IpAddress start, IpAddress end) {
    public IpRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.family() != end.family()) {
            throw new IllegalArgumentException("range mixes families: " + start + " - " + end);
        }
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("range start after end: " + start + " - " + end);
        }
    }

    public IpFamily family() {
        return start.family();
    }

    public boolean contains(IpAddress address) {
        return address.family() == start.family() && start.compareTo(address) <= 0 && address.compareTo(end) <= 0;
    }

    /** The smallest list of prefixes that covers exactly this range. */
    public List<IpPrefix> toPrefixes() {
        List<IpPrefix> prefixes = new ArrayList<>();
        int bits = start.family().bits();
        IpAddress cursor = start;
        while (true) {
            // The largest aligned block that starts at the cursor and stays inside the range.
            int length = bits;
            while (length > 0) {
                IpPrefix candidate;
                if (!cursor.mask(length - 1).equals(cursor)) {
                    break;
                }
                candidate = new IpPrefix(cursor, length - 1);
                if (candidate.lastAddress().compareTo(end) > 0) {
                    break;
                }
                length--;
            }
            IpPrefix block = new IpPrefix(cursor, length);
            prefixes.add(block);
            IpAddress last = block.lastAddress();
            if (last.compareTo(end) >= 0) {
                return prefixes;
            }
            cursor = last.plus(1);
        }
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
