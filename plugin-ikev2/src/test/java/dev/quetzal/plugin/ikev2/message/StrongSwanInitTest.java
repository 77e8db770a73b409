package dev.quetzal.plugin.ikev2.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * strongswan.md §2: the IKE_SA_INIT request strongSwan 5.9.8 sends, hand-written from RFC 7296 §3.1-§3.10,
 * decoded field by field and encoded back to the same bytes.
 */
final class StrongSwanInitTest {
    private final byte[] init = Samples.strongSwanInit();
    private final IkeMessage message = ((DecodeResult.Ok) IkeMessage.decode(init)).message();

    @Test
    @DisplayName("strongswan.md §2: payload order SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP)")
    void payloadOrder() {
        List<String> names = message.payloads().stream().map(p -> p instanceof NotifyPayload n
                ? NotifyType.name(n.notifyType()) : PayloadType.name(p.type())).toList();
        assertEquals(List.of("SA", "KE", "Ni/Nr", "NAT_DETECTION_SOURCE_IP", "NAT_DETECTION_DESTINATION_IP",
                "IKEV2_FRAGMENTATION_SUPPORTED", "SIGNATURE_HASH_ALGORITHMS", "REDIRECT_SUPPORTED"), names);
    }

    @Test
    @DisplayName("RFC 7296 §3.3: two IKE proposals, transforms with the Key Length attribute (§3.3.5)")
    void saPayload() {
        SaPayload sa = message.first(SaPayload.class).orElseThrow();
        assertEquals(2, sa.proposals().size());
        Proposal gcm = sa.proposals().get(0);
        assertEquals(1, gcm.number());
        assertEquals(ProtocolId.IKE, gcm.protocolId());
        assertTrue(gcm.spi().isEmpty());
        Transform encr = gcm.transformsOf(TransformType.ENCR).getFirst();
        assertEquals(TransformType.ENCR_AES_GCM_16, encr.id());
        assertEquals(OptionalInt.of(256), encr.keyLength());
        assertEquals(TransformType.PRF_HMAC_SHA2_256, gcm.transformsOf(TransformType.PRF).getFirst().id());
        assertEquals(TransformType.GROUP_ECP_256, gcm.transformsOf(TransformType.KE).getFirst().id());
        assertTrue(gcm.transformsOf(TransformType.INTEG).isEmpty());

        Proposal cbc = sa.proposals().get(1);
        assertEquals(2, cbc.number());
        assertEquals(List.of(TransformType.ENCR_AES_CBC, TransformType.INTEG_HMAC_SHA2_256_128,
                TransformType.PRF_HMAC_SHA2_256, TransformType.GROUP_MODP_2048),
                cbc.transforms().stream().map(Transform::id).toList());
        assertEquals(OptionalInt.empty(), cbc.transforms().get(1).keyLength());
    }

    @Test
    @DisplayName("RFC 7296 §3.4, §3.9, §3.10: KE group 19 with 64 bytes, a 32-byte nonce, NAT-D hashes, RFC 7427 hash list")
    void keNonceAndNotifies() {
        KePayload ke = message.first(KePayload.class).orElseThrow();
        assertEquals(TransformType.GROUP_ECP_256, ke.group());
        assertEquals(64, ke.data().length());
        assertEquals(0x11, ke.data().get(0));
        assertEquals(0x22, ke.data().get(63));
        assertEquals(Samples.filled(32, 0x33), message.first(NoncePayload.class).orElseThrow().nonce());
        NotifyPayload natdSource = message.notify(NotifyType.NAT_DETECTION_SOURCE_IP).orElseThrow();
        assertEquals(ProtocolId.NONE, natdSource.protocolId());
        assertEquals(Samples.filled(20, 0x44), natdSource.data());
        assertEquals(Samples.filled(20, 0x55), message.notify(NotifyType.NAT_DETECTION_DESTINATION_IP).orElseThrow().data());
        assertTrue(message.notify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).orElseThrow().data().isEmpty());
        assertEquals(Octets.fromHex("0002000300040005"),
                message.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS).orElseThrow().data());
        assertTrue(message.notify(NotifyType.REDIRECT_SUPPORTED).isPresent());
        assertTrue(message.unsupportedCriticalType().isEmpty());
    }

    @Test
    @DisplayName("RFC 7296 §2.15: the raw bytes kept for the AUTH octets are exactly the datagram, and encode gives them back")
    void rawBytesAndExactReEncoding() {
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(init));
        assertArrayEquals(init, ok.raw().toByteArray());
        assertArrayEquals(init, ok.message().encode());
        assertEquals(ok.message().header(), ok.message().encodedHeader());
    }

    @Test
    @DisplayName("RFC 7296 §2.15: signed octets are the raw first message, the peer's nonce data and the MACed ID")
    void signedOctets() {
        DecodeResult.Ok ok = (DecodeResult.Ok) IkeMessage.decode(init);
        Octets responderNonce = Samples.filled(32, 0x99);
        byte[] octets = SignedOctets.of(ok.raw(), responderNonce, new byte[] {1, 2, 3});
        assertEquals(init.length + 32 + 3, octets.length);
        assertArrayEquals(init, java.util.Arrays.copyOf(octets, init.length));
        assertEquals((byte) 0x99, octets[init.length]);
        assertEquals(3, octets[octets.length - 1]);
        // IDi' excludes the generic header: type 3 (RFC822_ADDR), three reserved zero bytes, then the address.
        assertArrayEquals(Samples.hex("03000000 6140622e63"), IdPayload.rfc822(true, "a@b.c").bodyBytes());
    }

    @Test
    @DisplayName("RFC 7296 §3.2: the same message built from records encodes to the hand-written bytes")
    void buildsTheSameBytes() {
        IkeMessage built = new IkeMessage(
                IkeHeader.of(0x1f2e3d4c5b6a7988L, 0, ExchangeType.IKE_SA_INIT, true, false, 0),
                new SaPayload(
                        new Proposal(1, ProtocolId.IKE, Octets.EMPTY, List.of(
                                Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_GCM_16, 256),
                                Transform.of(TransformType.PRF, TransformType.PRF_HMAC_SHA2_256),
                                Transform.of(TransformType.KE, TransformType.GROUP_ECP_256))),
                        new Proposal(2, ProtocolId.IKE, Octets.EMPTY, List.of(
                                Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_CBC, 256),
                                Transform.of(TransformType.INTEG, TransformType.INTEG_HMAC_SHA2_256_128),
                                Transform.of(TransformType.PRF, TransformType.PRF_HMAC_SHA2_256),
                                Transform.of(TransformType.KE, TransformType.GROUP_MODP_2048)))),
                new KePayload(19, Octets.fromHex("11".repeat(32) + "22".repeat(32))),
                new NoncePayload(Samples.filled(32, 0x33)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, Samples.filled(20, 0x44)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, Samples.filled(20, 0x55)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
                NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, Octets.fromHex("0002000300040005")),
                NotifyPayload.of(NotifyType.REDIRECT_SUPPORTED));
        assertArrayEquals(init, built.encode());
        assertEquals(message.header(), built.encodedHeader());
        assertEquals(message.payloads(), built.payloads());
    }
}
