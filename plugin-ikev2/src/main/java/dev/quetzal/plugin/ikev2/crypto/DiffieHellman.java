package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_CURVE25519;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_521;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_MODP_2048;

import java.security.SecureRandom;

/**
 * One ephemeral key exchange of a supported group: our public value in IKE wire format and the agreement with the
 * peer's value, which is validated first. Instances hold a private key and never print it.
 */
public sealed interface DiffieHellman permits EcpDiffieHellman, X25519DiffieHellman, ModpDiffieHellman {
    DhGroup group();

    /** Key Exchange Data for our KE payload, exactly {@link DhGroup#publicValueLength()} octets. */
    byte[] publicValue();

    /** Validate the peer's Key Exchange Data and compute g^ir. Never throws on bad input. */
    DhResult agree(byte[] peerPublicValue);

    /** A fresh key pair for {@code group}, which must be supported ({@link DhGroup#isSupported()}). */
    static DiffieHellman generate(DhGroup group, SecureRandom random) {
        return switch (group.id()) {
            case GROUP_MODP_2048 -> ModpDiffieHellman.generate(random);
            case GROUP_ECP_256, GROUP_ECP_384, GROUP_ECP_521 -> EcpDiffieHellman.generate(group, random);
            case GROUP_CURVE25519 -> X25519DiffieHellman.generate(random);
            default -> throw new IllegalArgumentException(group + " is not implemented");
        };
    }
}
