package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import dev.quetzal.plugin.ikev2.esp.EspTransform;
import dev.quetzal.plugin.ikev2.esp.EspIntegrity;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.Transform;
import dev.quetzal.plugin.ikev2.message.TransformType;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProposalSelector: RFC 7296 §2.7, §3.3, §3.3.6, §1.2 (INVALID_KE_PAYLOAD)")
class ProposalSelectorTest {
    private final ProposalSelector selector = new ProposalSelector(ProposalPolicy.DEFAULT);

    private static Proposal ike(int number, Transform... transforms) {
        return new Proposal(number, ProtocolId.IKE, Octets.EMPTY, List.of(transforms));
    }

    private static final Transform GCM256 = Transform.withKeyLength(TransformType.ENCR, 20, 256);
    private static final Transform CBC256 = Transform.withKeyLength(TransformType.ENCR, 12, 256);
    private static final Transform SHA256 = Transform.of(TransformType.PRF, 5);
    private static final Transform HMAC256 = Transform.of(TransformType.INTEG, 12);

    @Test
    @DisplayName("§3.3.6: unknown transforms (3DES, SHA-1, group 2, type 200) are narrowed away, not refused")
    void unknownTransformsAreIgnored() {
        SaPayload offer = new SaPayload(ike(1, Transform.of(TransformType.ENCR, 3), CBC256,
                Transform.of(TransformType.PRF, 2), SHA256, Transform.of(TransformType.INTEG, 2), HMAC256,
                Transform.of(TransformType.KE, 2), Transform.of(TransformType.KE, 14), Transform.of(200, 7)));
        IkeSelection result = selector.selectIke(offer, 14, Octets.EMPTY);
        IkeSelection.Chosen chosen = assertInstanceOf(IkeSelection.Chosen.class, result);
        assertEquals(new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048), chosen.suite());
        assertEquals(List.of(CBC256, SHA256, HMAC256, Transform.of(TransformType.KE, 14)), chosen.answer().transforms());
    }

    @Test
    @DisplayName("§2.7: our preference wins over the peer's order; the answer has one transform per type")
    void ourPreferenceWins() {
        SaPayload offer = new SaPayload(
                ike(1, CBC256, SHA256, HMAC256, Transform.of(TransformType.KE, 19)),
                ike(2, GCM256, SHA256, Transform.of(TransformType.KE, 19)));
        IkeSelection.Chosen chosen = (IkeSelection.Chosen) selector.selectIke(offer, 19, Octets.EMPTY);
        assertEquals(2, chosen.answer().number());
        assertEquals(EncryptionAlgorithm.AES_GCM_16, chosen.suite().encryption());
        assertEquals(3, chosen.answer().transforms().size());
    }

    @Test
    @DisplayName("§1.2: the KE payload's group is kept when the proposal lists it, else INVALID_KE_PAYLOAD with ours")
    void keGroupMismatch() {
        SaPayload offer = new SaPayload(ike(1, GCM256, SHA256, Transform.of(TransformType.KE, 31),
                Transform.of(TransformType.KE, 19)));
        assertEquals(DhGroup.CURVE25519, ((IkeSelection.Chosen) selector.selectIke(offer, 31, Octets.EMPTY)).suite().group());
        assertEquals(new IkeSelection.InvalidKe(19), selector.selectIke(offer, 2, Octets.EMPTY));
    }

    @Test
    @DisplayName("§2.7: nothing acceptable gives NO_PROPOSAL_CHOSEN; wrong key length or missing PRF counts")
    void noProposal() {
        SaPayload offer = new SaPayload(ike(1, Transform.withKeyLength(TransformType.ENCR, 20, 192), SHA256,
                Transform.of(TransformType.KE, 19)), ike(2, GCM256, Transform.of(TransformType.KE, 19)));
        assertInstanceOf(IkeSelection.NoProposal.class, selector.selectIke(offer, 19, Octets.EMPTY));
    }

    @Test
    @DisplayName("§3.3: an ESP answer carries our SPI, the peer's first ESN choice, no KE without PFS")
    void espSelection() {
        Proposal esp = new Proposal(1, ProtocolId.ESP, Octets.fromHex("c0ffee01"), List.of(CBC256, HMAC256,
                Transform.of(TransformType.KE, 19), Transform.of(TransformType.ESN, 1), Transform.of(TransformType.ESN, 0)));
        EspSelection.Chosen chosen = (EspSelection.Chosen) selector.selectEsp(new SaPayload(esp), OptionalInt.empty(),
                0x12345678);
        assertEquals(0xc0ffee01, chosen.peerSpi());
        assertTrue(chosen.esn());
        assertEquals(DhGroup.NONE, chosen.pfsGroup());
        assertEquals(EspTransform.aesCbc(256, EspIntegrity.AUTH_HMAC_SHA2_256_128), chosen.transform());
        assertEquals(Octets.fromHex("12345678"), chosen.answer().spi());
        assertTrue(chosen.answer().transformsOf(TransformType.KE).isEmpty());
        EspSelection pfs = selector.selectEsp(new SaPayload(esp), OptionalInt.of(14), 0x12345678);
        assertEquals(new EspSelection.InvalidKe(19), pfs);
    }

    @Test
    @DisplayName("§2.7 role-neutral: our offer, answered by a responder, is accepted back by the initiator")
    void offerAndAccept() {
        ProposalSelector initiator = new ProposalSelector(ProposalPolicy.DEFAULT);
        SaPayload offer = initiator.offerIke(Octets.EMPTY);
        IkeSelection.Chosen chosen = (IkeSelection.Chosen) selector.selectIke(offer, 19, Octets.EMPTY);
        assertEquals(java.util.Optional.of(chosen.suite()), initiator.acceptIke(new SaPayload(chosen.answer()), 19));
        SaPayload tampered = new SaPayload(ike(1, GCM256, SHA256, Transform.of(TransformType.KE, 19),
                Transform.of(TransformType.KE, 14)));
        assertTrue(initiator.acceptIke(tampered, 19).isEmpty());

        SaPayload espOffer = initiator.offerEsp(0x11111111, DhGroup.ECP_256);
        EspSelection.Chosen esp = (EspSelection.Chosen) selector.selectEsp(espOffer, OptionalInt.of(19), 0x22222222);
        assertEquals(0x11111111, esp.peerSpi());
        assertEquals(0x22222222, initiator.acceptEsp(new SaPayload(esp.answer()), DhGroup.ECP_256).orElseThrow().peerSpi());
    }
}
