package dev.quetzal.plugin.ikev2.message;

/** Authentication methods of the AUTH payload (RFC 7296 §3.8, RFC 4754 §5, RFC 7427 §3). */
public final class AuthMethod {
    public static final int RSA_DIGITAL_SIGNATURE = 1;
    public static final int SHARED_KEY_MIC = 2;
    public static final int DSS_DIGITAL_SIGNATURE = 3;
    public static final int ECDSA_SHA256_P256 = 9;
    public static final int ECDSA_SHA384_P384 = 10;
    public static final int ECDSA_SHA512_P521 = 11;
    public static final int DIGITAL_SIGNATURE = 14;

    private AuthMethod() {
    }
}
