package dev.quetzal.api.net;

/** IPv4 or IPv6. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Address width in bits. */
    public int bits() {
        return bits;
    }
}
