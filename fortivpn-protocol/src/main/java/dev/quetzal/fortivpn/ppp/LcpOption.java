package dev.quetzal.fortivpn.ppp;

/** LCP option types (RFC 1661 §6) and constructors for the ones we send. */
public final class LcpOption {
    public static final int MRU = 1;
    public static final int ACCM = 2;
    public static final int AUTHENTICATION_PROTOCOL = 3;
    public static final int QUALITY_PROTOCOL = 4;
    public static final int MAGIC_NUMBER = 5;
    public static final int PROTOCOL_FIELD_COMPRESSION = 7;
    public static final int ADDRESS_CONTROL_FIELD_COMPRESSION = 8;

    private LcpOption() {}

    /** RFC 1661 §6.1: a 16-bit MRU. */
    public static ConfigOption mru(int mru) {
        if (mru < 0 || mru > 0xFFFF) {
            throw new IllegalArgumentException("MRU outside 0..65535: " + mru);
        }
        return ConfigOption.ofNumber(MRU, mru, 2);
    }

    /** RFC 1661 §6.4: a 32-bit magic number. */
    public static ConfigOption magicNumber(int magic) {
        return ConfigOption.ofNumber(MAGIC_NUMBER, magic & 0xFFFFFFFFL, 4);
    }
}
