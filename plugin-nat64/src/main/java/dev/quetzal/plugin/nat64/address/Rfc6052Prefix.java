package dev.quetzal.plugin.nat64.address;

import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;

/**
 * An RFC 6052 §2.2 IPv4-embedded IPv6 prefix (Pref64) of length 32, 40, 48, 56, 64 or 96: where the
 * four IPv4 bytes go, skipping bits 64-71 (the "u" octet, always zero).
 */
public final class Rfc6052Prefix {
    /** 64:ff9b::/96, RFC 6052 §2.1. */
    public static final IpPrefix WELL_KNOWN = IpPrefix.parse("64:ff9b::/96");

    private final IpPrefix prefix;
    private final byte[] bytes;
    private final int length;
    /** Byte index in the IPv6 address of each IPv4 byte. */
    private final int[] positions = new int[4];
    private final boolean wellKnown;

    public Rfc6052Prefix(IpPrefix prefix) {
        if (prefix.family() != IpFamily.IPV6) {
            throw new IllegalArgumentException("expected an IPv6 prefix, got " + prefix);
        }
        int len = prefix.length();
        if (len != 32 && len != 40 && len != 48 && len != 56 && len != 64 && len != 96) {
            throw new IllegalArgumentException("expected a prefix length of 32, 40, 48, 56, 64 or 96 (RFC 6052 §2.2), got " + prefix);
        }
        this.prefix = prefix;
        this.bytes = prefix.address().toBytes();
        this.length = len;
        int at = len / 8;
        for (int i = 0; i < 4; i++) {
            if (at == 8) {
                at++;
            }
            positions[i] = at++;
        }
        this.wellKnown = prefix.equals(WELL_KNOWN);
    }

    public IpPrefix prefix() {
        return prefix;
    }

    public int length() {
        return length;
    }

    /** True for 64:ff9b::/96, where RFC 6052 §3.1 forbids non-global IPv4 addresses. */
    public boolean isWellKnown() {
        return wellKnown;
    }

    /** True when the 16 bytes at {@code a[at]} start with this prefix. */
    public boolean contains(byte[] a, int at) {
        int whole = length / 8;
        for (int i = 0; i < whole; i++) {
            if (a[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address embedded in the IPv6 address at {@code a[at]} (the caller checked {@link #contains}). */
    public int extract(byte[] a, int at) {
        return (a[at + positions[0]] & 0xFF) << 24 | (a[at + positions[1]] & 0xFF) << 16
                | (a[at + positions[2]] & 0xFF) << 8 | (a[at + positions[3]] & 0xFF);
    }

    /** Writes the IPv6 address embedding {@code ipv4} at {@code out[at]}: prefix, IPv4 bytes, zero u octet and suffix. */
    public void embed(int ipv4, byte[] out, int at) {
        System.arraycopy(bytes, 0, out, at, 16);
        for (int i = length / 8; i < 16; i++) {
            out[at + i] = 0;
        }
        out[at + positions[0]] = (byte) (ipv4 >>> 24);
        out[at + positions[1]] = (byte) (ipv4 >>> 16);
        out[at + positions[2]] = (byte) (ipv4 >>> 8);
        out[at + positions[3]] = (byte) ipv4;
    }

    @Override
    public String toString() {
        return prefix.toString();
    }
}
