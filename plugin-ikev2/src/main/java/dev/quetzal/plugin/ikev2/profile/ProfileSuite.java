package dev.quetzal.plugin.ikev2.profile;

import java.util.List;
import java.util.Optional;

/**
 * The ikev2 frontend's suites (its {@code suites} names) in each client's vocabulary: strongSwan proposal strings
 * (IKE, and ESP with the same group for PFS), the values of Apple's IKESecurityAssociationParameters and of Windows'
 * Set-VpnConnectionIPsecConfiguration. Windows has neither ChaCha20-Poly1305 nor Curve25519, so that suite has no
 * Windows names.
 */
enum ProfileSuite {
    AES256_GCM_ECP256("aes256gcm16-prfsha256-ecp256", "aes256gcm16-ecp256", "AES-256-GCM", 19,
            new WindowsNames("GCMAES256", "GCMAES256", "GCMAES256", "SHA256", "ECP256", "ECP256")),
    AES256_SHA256_MODP2048("aes256-sha256-modp2048", "aes256-sha256-modp2048", "AES-256", 14,
            new WindowsNames("AES256", "SHA256128", "AES256", "SHA256", "Group14", "PFS2048")),
    CHACHA20_POLY1305_X25519("chacha20poly1305-prfsha256-x25519", "chacha20poly1305-x25519", "ChaCha20Poly1305", 31,
            null),
    AES128_GCM_ECP256("aes128gcm16-prfsha256-ecp256", "aes128gcm16-ecp256", "AES-128-GCM", 19,
            new WindowsNames("GCMAES128", "GCMAES128", "GCMAES128", "SHA256", "ECP256", "ECP256")),
    AES128_SHA256_MODP2048("aes128-sha256-modp2048", "aes128-sha256-modp2048", "AES-128", 14,
            new WindowsNames("AES128", "SHA256128", "AES128", "SHA256", "Group14", "PFS2048"));

    /** Set-VpnConnectionIPsecConfiguration's parameters: ESP cipher and integrity, IKE encryption, integrity, DH, PFS. */
    record WindowsNames(String cipherTransform, String authenticationTransform, String encryptionMethod,
            String integrityCheckMethod, String dhGroup, String pfsGroup) {}

    private final String ikeProposal;
    private final String espProposal;
    private final String appleEncryption;
    private final int dhGroup;
    private final WindowsNames windows;

    ProfileSuite(String ikeProposal, String espProposal, String appleEncryption, int dhGroup, WindowsNames windows) {
        this.ikeProposal = ikeProposal;
        this.espProposal = espProposal;
        this.appleEncryption = appleEncryption;
        this.dhGroup = dhGroup;
        this.windows = windows;
    }

    /** The frontend's name for it, also strongSwan's IKE proposal. */
    String ikeProposal() {
        return ikeProposal;
    }

    /** strongSwan's ESP proposal: the same cipher, and the IKE group for PFS in CREATE_CHILD_SA (RFC 7296 §1.3.1). */
    String espProposal() {
        return espProposal;
    }

    /** Apple's EncryptionAlgorithm. */
    String appleEncryption() {
        return appleEncryption;
    }

    /** Apple's IntegrityAlgorithm (the PRF with AEAD ciphers): every suite uses SHA2-256. */
    String appleIntegrity() {
        return "SHA2-256";
    }

    /** The IANA Diffie-Hellman group number (RFC 7296 §3.3.2 transform type 4), Apple's DiffieHellmanGroup. */
    int dhGroup() {
        return dhGroup;
    }

    Optional<WindowsNames> windows() {
        return Optional.ofNullable(windows);
    }

    static Optional<ProfileSuite> byName(String name) {
        for (ProfileSuite suite : values()) {
            if (suite.ikeProposal.equalsIgnoreCase(name)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** The frontend's default preference order when its config has no {@code suites}. */
    static List<ProfileSuite> defaults() {
        return List.of(values());
    }
}
