package dev.quetzal.plugin.ikev2.message;

/** Identification types of IDi/IDr (RFC 7296 §3.5). */
public final class IdType {
    public static final int IPV4_ADDR = 1;
    public static final int FQDN = 2;
    public static final int RFC822_ADDR = 3;
    public static final int IPV6_ADDR = 5;
    public static final int DER_ASN1_DN = 9;
    public static final int DER_ASN1_GN = 10;
    public static final int KEY_ID = 11;

    private IdType() {
    }
}
