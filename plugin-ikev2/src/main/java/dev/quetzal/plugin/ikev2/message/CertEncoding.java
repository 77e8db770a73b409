package dev.quetzal.plugin.ikev2.message;

/** Certificate encodings of CERT and CERTREQ (RFC 7296 §3.6). */
public final class CertEncoding {
    public static final int X509_SIGNATURE = 4;
    public static final int RAW_RSA_KEY = 11;
    public static final int HASH_AND_URL_X509_CERT = 12;
    public static final int HASH_AND_URL_X509_BUNDLE = 13;

    private CertEncoding() {
    }
}
