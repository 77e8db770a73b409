package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Our preference order for negotiation (RFC 7296 §2.7): suites best first, then key exchange groups. A suite names
 * cipher, key length, integrity (NONE for AEAD), PRF and its preferred group; every group of the list is acceptable
 * with every suite, so a peer guessing another supported group gets no INVALID_KE_PAYLOAD round trip.
 */
public record ProposalPolicy(List<IkeSuite> suites, List<DhGroup> groups) {
    public ProposalPolicy {
        suites = List.copyOf(suites);
        groups = List.copyOf(groups);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("a proposal policy needs at least one suite");
        }
    }

    /** GCM-256/ECP-256 first, then CBC-256+SHA256/MODP-2048, ChaCha20/X25519, the AES-128 variants; groups 19 14 31 20 21. */
    public static final ProposalPolicy DEFAULT = new ProposalPolicy(List.of(
            new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE,
                    DhGroup.ECP_256),
            new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_256,
                    IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048),
            new IkeSuite(EncryptionAlgorithm.CHACHA20_POLY1305, 256, PrfAlgorithm.HMAC_SHA2_256,
                    IntegrityAlgorithm.NONE, DhGroup.CURVE25519),
            new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 128, PrfAlgorithm.HMAC_SHA2_256, IntegrityAlgorithm.NONE,
                    DhGroup.ECP_256),
            new IkeSuite(EncryptionAlgorithm.AES_CBC, 128, PrfAlgorithm.HMAC_SHA2_256,
                    IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048)),
            List.of(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.CURVE25519, DhGroup.ECP_384, DhGroup.ECP_521));

    /** A policy of exactly one suite and its group (tests, a pinned configuration). */
    public static ProposalPolicy only(IkeSuite suite) {
        return new ProposalPolicy(List.of(suite), List.of(suite.group()));
    }

    /** Acceptable groups, best first: the suite's own group, then the policy's list, then the other suites' groups. */
    public List<DhGroup> groupsFor(IkeSuite suite) {
        Set<DhGroup> ordered = new LinkedHashSet<>();
        ordered.add(suite.group());
        ordered.addAll(groups);
        for (IkeSuite s : suites) {
            ordered.add(s.group());
        }
        return new ArrayList<>(ordered);
    }
}
