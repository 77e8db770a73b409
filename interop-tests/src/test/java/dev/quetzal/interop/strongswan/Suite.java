package dev.quetzal.interop.strongswan;

/**
 * The cipher suites of the interop matrix (issue 4, "Interop"), as strongSwan proposal strings. The
 * scripts know them by {@link #scriptName}; the client's connections are named {@code SUITE-KEYTYPE}.
 */
public enum Suite {
    /** AES-GCM-16 with a 256-bit key (RFC 5282 for IKE, RFC 4106 for ESP), PRF HMAC-SHA2-256, ECP-256 (group 19). */
    AES_GCM_256_ECP_256("gcm", "aes256gcm16-prfsha256-ecp256", "aes256gcm16"),
    /** AES-CBC-256 with HMAC-SHA2-256-128 (RFC 4868), MODP-2048 (group 14). */
    AES_CBC_256_MODP_2048("cbc", "aes256-sha256-modp2048", "aes256-sha256"),
    /** ChaCha20-Poly1305 (RFC 7634), PRF HMAC-SHA2-256, Curve25519 (group 31, RFC 8031). */
    CHACHA20_POLY1305_X25519("chacha", "chacha20poly1305-prfsha256-x25519", "chacha20poly1305");

    private final String scriptName;
    private final String ikeProposal;
    private final String espProposal;

    Suite(String scriptName, String ikeProposal, String espProposal) {
        this.scriptName = scriptName;
        this.ikeProposal = ikeProposal;
        this.espProposal = espProposal;
    }

    /** The suite's name for charon.sh ({@code gcm}, {@code cbc}, {@code chacha}). */
    public String scriptName() {
        return scriptName;
    }

    public String ikeProposal() {
        return ikeProposal;
    }

    public String espProposal() {
        return espProposal;
    }

    /** The client connection (and its child) for this suite and key type, split tunnel to 198.18.1.0/24. */
    public String connection(CertificateKey key) {
        return scriptName + "-" + key.option();
    }

    /** The same with a full tunnel (0.0.0.0/0). */
    public String fullTunnelConnection(CertificateKey key) {
        return connection(key) + "-full";
    }
}
