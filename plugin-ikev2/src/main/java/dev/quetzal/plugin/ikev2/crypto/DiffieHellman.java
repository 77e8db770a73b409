package dev.quetzal.plugin.ikev2.crypto;

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
            case 14 -> ModpDiffieHellman.generate(random);
            case 19, 20, 21 -> EcpDiffieHellman.generate(group, random);
            case 31 -> X25519DiffieHellman.generate(random);
            default -> throw new IllegalArgumentException(group + " is not implemented");
        };
    }
}
