package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.esp.EspEncryption;
import dev.quetzal.plugin.ikev2.esp.EspIntegrity;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.Transform;
import dev.quetzal.plugin.ikev2.message.TransformType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Proposal negotiation, role-neutral (RFC 7296 §2.7, §3.3): as responder, narrow the peer's proposals to what we
 * implement and pick by OUR preference; as initiator, build our offer and check the peer's answer. Unknown
 * transforms in a proposal are ignored, never a reason to refuse it (§3.3.6 only requires one acceptable
 * transform of every type).
 */
public final class ProposalSelector {
    private final ProposalPolicy policy;

    public ProposalSelector(ProposalPolicy policy) {
        this.policy = policy;
    }

    public ProposalPolicy policy() {
        return policy;
    }

    /**
     * Chooses an IKE SA proposal. {@code keGroup} is the group of the KE payload sent with the SA (§1.2); when the
     * best proposal lists that group it is kept, otherwise the answer is INVALID_KE_PAYLOAD with our preferred group
     * among those the proposal offers. {@code ourSpi} is empty in IKE_SA_INIT and our new SPI in an IKE SA rekey.
     */
    public IkeSelection selectIke(SaPayload offer, int keGroup, Octets ourSpi) {
        for (IkeSuite suite : policy.suites()) {
            for (Proposal p : offer.proposals()) {
                if (p.protocolId() != ProtocolId.IKE || !offersCipher(p, suite.encryption(), suite.encryptionKeyBits())
                        || !offersIntegrity(p, suite.integrity()) || !offersId(p, TransformType.PRF, suite.prf().id())) {
                    continue;
                }
                Set<Integer> offered = ids(p, TransformType.KE);
                List<DhGroup> acceptable = policy.groupsFor(suite).stream().filter(g -> offered.contains(g.id())).toList();
                if (acceptable.isEmpty()) {
                    continue;
                }
                Optional<DhGroup> same = acceptable.stream().filter(g -> g.id() == keGroup).findFirst();
                if (same.isEmpty()) {
                    return new IkeSelection.InvalidKe(acceptable.getFirst().id());
                }
                IkeSuite chosen = new IkeSuite(suite.encryption(), suite.encryptionKeyBits(), suite.prf(),
                        suite.integrity(), same.get());
                return new IkeSelection.Chosen(chosen, new Proposal(p.number(), ProtocolId.IKE, ourSpi,
                        ikeTransforms(chosen)));
            }
        }
        return new IkeSelection.NoProposal("none of " + offer.proposals().size()
                + " IKE proposals has a supported cipher, PRF, integrity and group combination");
    }

    /**
     * Chooses a Child SA (ESP) proposal. {@code keGroup} is the KE payload's group, empty when the request has none
     * (no PFS, and always in IKE_AUTH where KE transforms are ignored, §1.2); {@code ourSpi} goes into the answer.
     */
    public EspSelection selectEsp(SaPayload offer, OptionalInt keGroup, int ourSpi) {
        for (IkeSuite suite : policy.suites()) {
            for (Proposal p : offer.proposals()) {
                if (p.protocolId() != ProtocolId.ESP || p.spi().length() != 4
                        || !offersCipher(p, suite.encryption(), suite.encryptionKeyBits())
                        || !offersIntegrity(p, suite.integrity())) {
                    continue;
                }
                OptionalInt esn = firstEsn(p);
                if (esn.isEmpty()) {
                    continue;
                }
                DhGroup pfs = DhGroup.NONE;
                if (keGroup.isPresent()) {
                    Set<Integer> offered = ids(p, TransformType.KE);
                    List<DhGroup> acceptable = policy.groupsFor(suite).stream()
                            .filter(g -> offered.contains(g.id())).toList();
                    if (acceptable.isEmpty()) {
                        continue;
                    }
                    Optional<DhGroup> same = acceptable.stream().filter(g -> g.id() == keGroup.getAsInt()).findFirst();
                    if (same.isEmpty()) {
                        return new EspSelection.InvalidKe(acceptable.getFirst().id());
                    }
                    pfs = same.get();
                }
                EspTransform transform = espTransform(suite);
                boolean useEsn = esn.getAsInt() == TransformType.ESN_EXTENDED;
                Proposal answer = new Proposal(p.number(), ProtocolId.ESP, spiOctets(ourSpi),
                        espTransforms(suite, pfs, useEsn));
                return new EspSelection.Chosen(transform, useEsn, pfs, (int) p.spi().toLong(), answer);
            }
        }
        return new EspSelection.NoProposal("none of " + offer.proposals().size()
                + " ESP proposals has a supported cipher and integrity combination"
                + (keGroup.isPresent() ? " with a PFS group" : ""));
    }

    /** Our IKE offer (initiator): AEAD suites and CBC suites in separate proposals, as RFC 7296 §3.3 asks. */
    public SaPayload offerIke(Octets ourSpi) {
        List<Proposal> proposals = new ArrayList<>();
        for (boolean aead : new boolean[] {true, false}) {
            List<IkeSuite> suites = policy.suites().stream().filter(s -> s.encryption().isAead() == aead).toList();
            if (suites.isEmpty()) {
                continue;
            }
            Set<Transform> transforms = new LinkedHashSet<>();
            suites.forEach(s -> transforms.add(cipher(s.encryption(), s.encryptionKeyBits())));
            suites.forEach(s -> transforms.add(Transform.of(TransformType.PRF, s.prf().id())));
            if (!aead) {
                suites.forEach(s -> transforms.add(Transform.of(TransformType.INTEG, s.integrity().id())));
            }
            suites.forEach(s -> policy.groupsFor(s).forEach(g -> transforms.add(Transform.of(TransformType.KE, g.id()))));
            proposals.add(new Proposal(proposals.size() + 1, ProtocolId.IKE, ourSpi, List.copyOf(transforms)));
        }
        return new SaPayload(proposals);
    }

    /** Our ESP offer (initiator): {@code pfs} NONE for no key exchange; both ESN modes are offered. */
    public SaPayload offerEsp(int ourSpi, DhGroup pfs) {
        List<Proposal> proposals = new ArrayList<>();
        for (boolean aead : new boolean[] {true, false}) {
            List<IkeSuite> suites = policy.suites().stream().filter(s -> s.encryption().isAead() == aead).toList();
            if (suites.isEmpty()) {
                continue;
            }
            Set<Transform> transforms = new LinkedHashSet<>();
            suites.forEach(s -> transforms.add(cipher(s.encryption(), s.encryptionKeyBits())));
            if (!aead) {
                suites.forEach(s -> transforms.add(Transform.of(TransformType.INTEG, s.integrity().id())));
            }
            if (!pfs.equals(DhGroup.NONE)) {
                transforms.add(Transform.of(TransformType.KE, pfs.id()));
            }
            transforms.add(Transform.of(TransformType.ESN, TransformType.ESN_NONE));
            transforms.add(Transform.of(TransformType.ESN, TransformType.ESN_EXTENDED));
            proposals.add(new Proposal(proposals.size() + 1, ProtocolId.ESP, spiOctets(ourSpi), List.copyOf(transforms)));
        }
        return new SaPayload(proposals);
    }

    /**
     * Checks the responder's IKE answer (initiator): exactly one proposal with one transform of each type, all of
     * them from our policy, and the group we sent a KE payload for.
     */
    public Optional<IkeSuite> acceptIke(SaPayload answer, int ourKeGroup) {
        if (answer.proposals().size() != 1) {
            return Optional.empty();
        }
        Proposal p = answer.proposals().getFirst();
        if (p.protocolId() != ProtocolId.IKE) {
            return Optional.empty();
        }
        IkeSelection again = selectIke(answer, ourKeGroup, p.spi());
        if (again instanceof IkeSelection.Chosen(IkeSuite suite, Proposal echo)
                && Set.copyOf(echo.transforms()).equals(Set.copyOf(p.transforms()))
                && echo.transforms().size() == p.transforms().size()) {
            return Optional.of(suite);
        }
        return Optional.empty();
    }

    /** Checks the responder's ESP answer (initiator); {@code pfs} is the group of our KE payload, NONE without. */
    public Optional<EspSelection.Chosen> acceptEsp(SaPayload answer, DhGroup pfs) {
        if (answer.proposals().size() != 1) {
            return Optional.empty();
        }
        Proposal p = answer.proposals().getFirst();
        if (p.protocolId() != ProtocolId.ESP || p.spi().length() != 4 || ids(p, TransformType.ESN).size() != 1) {
            return Optional.empty();
        }
        OptionalInt ke = pfs.equals(DhGroup.NONE) ? OptionalInt.empty() : OptionalInt.of(pfs.id());
        EspSelection again = selectEsp(answer, ke, (int) p.spi().toLong());
        if (again instanceof EspSelection.Chosen chosen
                && Set.copyOf(chosen.answer().transforms()).equals(Set.copyOf(p.transforms()))
                && chosen.answer().transforms().size() == p.transforms().size()) {
            return Optional.of(chosen);
        }
        return Optional.empty();
    }

    private static List<Transform> ikeTransforms(IkeSuite suite) {
        List<Transform> out = new ArrayList<>();
        out.add(cipher(suite.encryption(), suite.encryptionKeyBits()));
        out.add(Transform.of(TransformType.PRF, suite.prf().id()));
        if (!suite.encryption().isAead()) {
            out.add(Transform.of(TransformType.INTEG, suite.integrity().id()));
        }
        out.add(Transform.of(TransformType.KE, suite.group().id()));
        return out;
    }

    private static List<Transform> espTransforms(IkeSuite suite, DhGroup pfs, boolean esn) {
        List<Transform> out = new ArrayList<>();
        out.add(cipher(suite.encryption(), suite.encryptionKeyBits()));
        if (!suite.encryption().isAead()) {
            out.add(Transform.of(TransformType.INTEG, suite.integrity().id()));
        }
        if (!pfs.equals(DhGroup.NONE)) {
            out.add(Transform.of(TransformType.KE, pfs.id()));
        }
        out.add(Transform.of(TransformType.ESN, esn ? TransformType.ESN_EXTENDED : TransformType.ESN_NONE));
        return out;
    }

    /** The ESP data-path transform matching a suite's cipher and integrity. */
    static EspTransform espTransform(IkeSuite suite) {
        EspEncryption encryption = switch (suite.encryption().id()) {
            case TransformType.ENCR_AES_GCM_16 -> EspEncryption.AES_GCM_16;
            case TransformType.ENCR_CHACHA20_POLY1305 -> EspEncryption.CHACHA20_POLY1305;
            default -> EspEncryption.AES_CBC;
        };
        EspIntegrity integrity = switch (suite.integrity().id()) {
            case TransformType.INTEG_HMAC_SHA2_256_128 -> EspIntegrity.AUTH_HMAC_SHA2_256_128;
            case TransformType.INTEG_HMAC_SHA2_384_192 -> EspIntegrity.AUTH_HMAC_SHA2_384_192;
            case TransformType.INTEG_HMAC_SHA2_512_256 -> EspIntegrity.AUTH_HMAC_SHA2_512_256;
            default -> EspIntegrity.NONE;
        };
        return new EspTransform(encryption, suite.encryptionKeyBits(), integrity);
    }

    private static Transform cipher(EncryptionAlgorithm encryption, int bits) {
        return encryption.requiresKeyLengthAttribute() ? Transform.withKeyLength(TransformType.ENCR, encryption.id(), bits)
                : Transform.of(TransformType.ENCR, encryption.id());
    }

    private static boolean offersCipher(Proposal p, EncryptionAlgorithm encryption, int bits) {
        for (Transform t : p.transformsOf(TransformType.ENCR)) {
            if (t.id() != encryption.id()) {
                continue;
            }
            OptionalInt length = t.keyLength();
            boolean lengthOk = encryption.requiresKeyLengthAttribute()
                    ? length.isPresent() && length.getAsInt() == bits
                    : length.isEmpty() || length.getAsInt() == bits;
            if (lengthOk) {
                return true;
            }
        }
        return false;
    }

    /** AEAD suites need no INTEG transform or INTEG NONE (RFC 7296 §3.3); others need the exact algorithm. */
    private static boolean offersIntegrity(Proposal p, IntegrityAlgorithm integrity) {
        List<Transform> integ = p.transformsOf(TransformType.INTEG);
        if (integrity.equals(IntegrityAlgorithm.NONE)) {
            return integ.isEmpty() || integ.stream().anyMatch(t -> t.id() == TransformType.INTEG_NONE);
        }
        return integ.stream().anyMatch(t -> t.id() == integrity.id());
    }

    private static boolean offersId(Proposal p, int type, int id) {
        return p.transformsOf(type).stream().anyMatch(t -> t.id() == id);
    }

    private static OptionalInt firstEsn(Proposal p) {
        List<Transform> esn = p.transformsOf(TransformType.ESN);
        if (esn.isEmpty()) {
            // RFC 7296 §3.3.2 makes ESN mandatory in ESP proposals; a missing one is read as "no ESN".
            return OptionalInt.of(TransformType.ESN_NONE);
        }
        return esn.stream().mapToInt(Transform::id)
                .filter(id -> id == TransformType.ESN_NONE || id == TransformType.ESN_EXTENDED).findFirst();
    }

    private static Set<Integer> ids(Proposal p, int type) {
        Set<Integer> out = new LinkedHashSet<>();
        p.transformsOf(type).forEach(t -> out.add(t.id()));
        return out;
    }

    static Octets spiOctets(int spi) {
        return Octets.of(ByteBuffer.allocate(4).putInt(spi).array());
    }
}
