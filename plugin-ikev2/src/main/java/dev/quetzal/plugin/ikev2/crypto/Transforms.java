package dev.quetzal.plugin.ikev2.crypto;

import java.util.List;
import java.util.Optional;

/**
 * The transforms this gateway implements, for narrowing a proposal (RFC 7296 §2.7, §3.3). Anything not listed here
 * is simply unsupported: callers drop it from the proposal instead of rejecting the proposal.
 */
public final class Transforms {
    private static final List<TransformDescription> SUPPORTED = List.of(
            encr(EncryptionAlgorithm.AES_CBC),
            encr(EncryptionAlgorithm.AES_GCM_16),
            encr(EncryptionAlgorithm.CHACHA20_POLY1305),
            plain(TransformType.PRF, PrfAlgorithm.HMAC_SHA2_256.id(), PrfAlgorithm.HMAC_SHA2_256.toString()),
            plain(TransformType.PRF, PrfAlgorithm.HMAC_SHA2_384.id(), PrfAlgorithm.HMAC_SHA2_384.toString()),
            plain(TransformType.PRF, PrfAlgorithm.HMAC_SHA2_512.id(), PrfAlgorithm.HMAC_SHA2_512.toString()),
            plain(TransformType.INTEG, IntegrityAlgorithm.NONE.id(), IntegrityAlgorithm.NONE.toString()),
            plain(TransformType.INTEG, IntegrityAlgorithm.HMAC_SHA2_256_128.id(),
                    IntegrityAlgorithm.HMAC_SHA2_256_128.toString()),
            plain(TransformType.INTEG, IntegrityAlgorithm.HMAC_SHA2_384_192.id(),
                    IntegrityAlgorithm.HMAC_SHA2_384_192.toString()),
            plain(TransformType.INTEG, IntegrityAlgorithm.HMAC_SHA2_512_256.id(),
                    IntegrityAlgorithm.HMAC_SHA2_512_256.toString()),
            plain(TransformType.KE, DhGroup.NONE.id(), DhGroup.NONE.toString()),
            plain(TransformType.KE, DhGroup.MODP_2048.id(), DhGroup.MODP_2048.toString()),
            plain(TransformType.KE, DhGroup.ECP_256.id(), DhGroup.ECP_256.toString()),
            plain(TransformType.KE, DhGroup.ECP_384.id(), DhGroup.ECP_384.toString()),
            plain(TransformType.KE, DhGroup.ECP_521.id(), DhGroup.ECP_521.toString()),
            plain(TransformType.KE, DhGroup.CURVE25519.id(), DhGroup.CURVE25519.toString()),
            plain(TransformType.ESN, EsnMode.NO_ESN.id(), EsnMode.NO_ESN.toString()),
            plain(TransformType.ESN, EsnMode.ESN.id(), EsnMode.ESN.toString()));

    private Transforms() {
    }

    /** Every supported transform, in IANA order within each type. */
    public static List<TransformDescription> supported() {
        return SUPPORTED;
    }

    /** The description of a supported transform, or empty for anything unknown. */
    public static Optional<TransformDescription> describe(TransformType type, int id) {
        for (TransformDescription d : SUPPORTED) {
            if (d.type().equals(type) && d.id() == id) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a transform as it appears in a proposal is acceptable. {@code keyLengthBits} is the value of the Key
     * Length attribute, 0 when the attribute is absent. Whether NONE (INTEG 0, KE 0) fits a given proposal (AEAD,
     * Child SA without PFS) is the selector's decision; here it is merely implemented.
     */
    public static boolean isSupported(TransformType type, int id, int keyLengthBits) {
        return describe(type, id).map(d -> d.acceptsKeyLength(keyLengthBits)).orElse(false);
    }

    /** The same check with the raw Transform Type octet, as a decoder reads it off the wire. */
    public static boolean isSupported(int type, int id, int keyLengthBits) {
        return type >= 0 && type <= 255 && isSupported(TransformType.valueOf(type), id, keyLengthBits);
    }

    private static TransformDescription encr(EncryptionAlgorithm a) {
        List<Integer> lengths = a.requiresKeyLengthAttribute() ? a.keyLengthsBits() : List.of();
        return new TransformDescription(TransformType.ENCR, a.id(), a.toString(), lengths, a.isAead());
    }

    private static TransformDescription plain(TransformType type, int id, String name) {
        return new TransformDescription(type, id, name, List.of(), false);
    }
}
