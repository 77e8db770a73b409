package dev.quetzal.plugin.ikev2.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Suite names as strongSwan writes proposals (strongswan.md §1), mapped to RFC 7296 §3.3.2 transforms. */
final class SuiteNamesTest {
    @Test
    @DisplayName("RFC 7296 §3.3.2, RFC 5282, RFC 7634: the three interop suites by their strongSwan names")
    void interopSuites() {
        var gcm = SuiteNames.find("aes256gcm16-prfsha256-ecp256").orElseThrow();
        assertEquals(EncryptionAlgorithm.AES_GCM_16, gcm.encryption());
        assertEquals(256, gcm.encryptionKeyBits());
        assertEquals(DhGroup.ECP_256, gcm.group());
        var cbc = SuiteNames.find("aes256-sha256-modp2048").orElseThrow();
        assertEquals(IntegrityAlgorithm.HMAC_SHA2_256_128, cbc.integrity());
        assertEquals(DhGroup.MODP_2048, cbc.group());
        var chacha = SuiteNames.find("ChaCha20Poly1305-PRFsha256-x25519").orElseThrow();
        assertEquals(EncryptionAlgorithm.CHACHA20_POLY1305, chacha.encryption());
        assertEquals(DhGroup.CURVE25519, chacha.group());
        assertTrue(SuiteNames.find("3des-md5-modp1024").isEmpty());
        assertTrue(SuiteNames.find(null).isEmpty());
    }

    @Test
    @DisplayName("RFC 7296 §2.7: a configured list is our preference order; none means the default policy")
    void policyKeepsTheOrder() {
        assertSame(ProposalPolicy.DEFAULT, SuiteNames.policy(List.of()));
        ProposalPolicy policy = SuiteNames.policy(List.of("chacha20poly1305-prfsha256-x25519", "aes256-sha256-modp2048"));
        assertEquals(List.of("chacha20poly1305-prfsha256-x25519", "aes256-sha256-modp2048"),
                policy.suites().stream().map(SuiteNames::name).toList());
        assertEquals(ProposalPolicy.DEFAULT.groups(), policy.groups());
        assertEquals(5, SuiteNames.names().size());
    }
}
