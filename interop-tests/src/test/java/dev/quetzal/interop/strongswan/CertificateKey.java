package dev.quetzal.interop.strongswan;

/** The key types of the interop PKI; each one makes a CA, server and client certificate of that type. */
public enum CertificateKey {
    /** RSA-3072: the client's IKE_AUTH is about 1.8 kB, so strongSwan fragments it (RFC 7383). */
    RSA_3072("rsa-3072"),
    ECDSA_P256("ecdsa-p256");

    private final String option;

    CertificateKey(String option) {
        this.option = option;
    }

    /** The {@code --key} value of {@code quetzal certs}, also the folder name pki.sh uses. */
    public String option() {
        return option;
    }
}
