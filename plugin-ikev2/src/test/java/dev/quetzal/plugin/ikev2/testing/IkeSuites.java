package dev.quetzal.plugin.ikev2.testing;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import java.util.stream.Stream;

/** IKE suites for parameterized tests of SK protection (RFC 7296 §3.14) and of what is built on it. */
public final class IkeSuites {
    private IkeSuites() {
    }

    /**
     * Every IKE suite shape the gateway supports: AES-GCM (128, 256) and ChaCha20-Poly1305 with their 8-octet IVs,
     * AES-CBC with each HMAC-SHA2 ICV size, every PRF and every group kind (MODP, ECP, Curve25519).
     */
    public static Stream<IkeSuite> everyCipherShape() {
        return Stream.of(
                new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 128, PrfAlgorithm.HMAC_SHA2_256,
                        IntegrityAlgorithm.NONE, DhGroup.ECP_256),
                new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_384,
                        IntegrityAlgorithm.NONE, DhGroup.ECP_384),
                new IkeSuite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, PrfAlgorithm.HMAC_SHA2_256,
                        IntegrityAlgorithm.NONE, DhGroup.CURVE25519),
                new IkeSuite(EncryptionAlgorithm.AES_CBC, 128, PrfAlgorithm.HMAC_SHA2_256,
                        IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048),
                new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_384,
                        IntegrityAlgorithm.HMAC_SHA2_384_192, DhGroup.ECP_384),
                new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_512,
                        IntegrityAlgorithm.HMAC_SHA2_512_256, DhGroup.ECP_521));
    }
}
