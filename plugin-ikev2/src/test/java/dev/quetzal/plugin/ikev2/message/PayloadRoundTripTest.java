package dev.quetzal.plugin.ikev2.message;

import static dev.quetzal.plugin.ikev2.message.Samples.filled;
import static dev.quetzal.plugin.ikev2.message.Samples.hex;
import static dev.quetzal.plugin.ikev2.message.Samples.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7296 §3.3-§3.16 and RFC 7383 §2.5: every payload encodes and decodes back to an equal record. */
final class PayloadRoundTripTest {
    private static final IkeHeader HEADER = IkeHeader.of(0x0102030405060708L, 0x1112131415161718L,
            ExchangeType.INFORMATIONAL, false, true, 7);

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("RFC 7296 §3.3 SA, IKE proposals", new SaPayload(
                        new Proposal(1, ProtocolId.IKE, Octets.EMPTY, List.of(
                                Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_GCM_16, 128),
                                Transform.of(TransformType.PRF, TransformType.PRF_HMAC_SHA2_384),
                                Transform.of(TransformType.KE, TransformType.GROUP_CURVE25519))),
                        new Proposal(2, ProtocolId.IKE, Octets.EMPTY, List.of(
                                Transform.of(TransformType.ENCR, TransformType.ENCR_CHACHA20_POLY1305))))),
                Arguments.of("RFC 7296 §3.3.1 SA, IKE rekey with an 8-byte SPI", new SaPayload(
                        new Proposal(1, ProtocolId.IKE, filled(8, 0x77), List.of(
                                Transform.of(TransformType.KE, TransformType.GROUP_ECP_384))))),
                Arguments.of("RFC 7296 §3.3.1 SA, ESP with a 4-byte SPI and ESN", new SaPayload(Samples.espProposal())),
                Arguments.of("RFC 7296 §3.3.5 SA, TLV attribute and unknown transform type kept", new SaPayload(
                        new Proposal(1, 9, Octets.fromHex("01020304050607"), List.of(
                                new Transform(200, 4000, List.of(
                                        new TransformAttribute.Tlv(100, Octets.fromHex("cafe")),
                                        new TransformAttribute.Tv(15, 7))),
                                Transform.of(TransformType.ESN, TransformType.ESN_EXTENDED))))),
                Arguments.of("RFC 7296 §3.3 SA, a proposal without transforms", new SaPayload(
                        new Proposal(3, ProtocolId.ESP, filled(4, 1), List.of()))),
                Arguments.of("RFC 7296 §3.4 KE", new KePayload(TransformType.GROUP_CURVE25519, filled(32, 0x9F))),
                Arguments.of("RFC 7296 §3.5 IDi IPV4_ADDR", IdPayload.address(true, ip("198.18.0.2"))),
                Arguments.of("RFC 7296 §3.5 IDr IPV6_ADDR", IdPayload.address(false, ip("2001:db8::1"))),
                Arguments.of("RFC 7296 §3.5 IDr FQDN", IdPayload.fqdn(false, "vpn.test")),
                Arguments.of("RFC 7296 §3.5 IDi RFC822_ADDR", IdPayload.rfc822(true, "client1@vpn.test")),
                Arguments.of("RFC 7296 §3.5 IDi DER_ASN1_DN", new IdPayload(true, IdType.DER_ASN1_DN, filled(40, 0x30))),
                Arguments.of("RFC 7296 §3.5 IDi KEY_ID", new IdPayload(true, IdType.KEY_ID, filled(5, 0x01))),
                Arguments.of("RFC 7296 §3.6 CERT X.509", CertPayload.x509(filled(700, 0x30).toByteArray())),
                Arguments.of("RFC 7296 §3.7 CERTREQ two CA hashes", CertReqPayload.x509(List.of(filled(20, 1), filled(20, 2)))),
                Arguments.of("RFC 7296 §3.7 CERTREQ without hashes", CertReqPayload.x509(List.of())),
                Arguments.of("RFC 7296 §3.7 CERTREQ other encoding", new CertReqPayload(CertEncoding.RAW_RSA_KEY, filled(3, 9))),
                Arguments.of("RFC 7296 §3.8 AUTH RSA", new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, filled(384, 0x42))),
                Arguments.of("RFC 4754 §5 AUTH ECDSA P-256", new AuthPayload(AuthMethod.ECDSA_SHA256_P256, filled(64, 0x43))),
                Arguments.of("RFC 7427 §3 AUTH digital signature", new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, filled(90, 0x44))),
                Arguments.of("RFC 7296 §3.9 Nonce 16 bytes", new NoncePayload(filled(16, 1))),
                Arguments.of("RFC 7296 §3.9 Nonce 256 bytes", new NoncePayload(filled(256, 2))),
                Arguments.of("RFC 7296 §3.10 N(INVALID_KE_PAYLOAD)", NotifyPayload.invalidKe(19)),
                Arguments.of("RFC 7296 §3.10 N(REKEY_SA) with an ESP SPI", new NotifyPayload(ProtocolId.ESP,
                        Octets.fromHex("c0ffee02"), NotifyType.REKEY_SA, Octets.EMPTY)),
                Arguments.of("RFC 7296 §2.6 N(COOKIE)", NotifyPayload.of(NotifyType.COOKIE, filled(32, 0xC0))),
                Arguments.of("RFC 7296 §3.10.1 unknown status type kept", NotifyPayload.of(40000, Octets.fromHex("00"))),
                Arguments.of("RFC 7296 §3.11 Delete IKE SA", DeletePayload.ikeSa()),
                Arguments.of("RFC 7296 §3.11 Delete two ESP SAs", DeletePayload.esp(0xc0ffee01, 0x00000100)),
                Arguments.of("RFC 7296 §3.12 Vendor ID", new VendorIdPayload(Octets.fromHex("882fe56d6fd20dbc2251613b2ebe5beb"))),
                Arguments.of("RFC 7296 §3.13 TSi with IPv4, IPv6 and an unknown type", new TsPayload(true, List.of(
                        new TrafficSelector.AddressRange(17, 500, 4500, ip("198.18.0.0"), ip("198.18.255.255")),
                        TrafficSelector.AddressRange.all(ip("::"), ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")),
                        new TrafficSelector.AddressRange(6, 0xFFFF, 0, ip("2001:db8::"), ip("2001:db8::ff")),
                        new TrafficSelector.Unknown(10, 0, Octets.fromHex("0001020304"))))),
                Arguments.of("RFC 7296 §3.13 TSr with no selector", new TsPayload(false, List.of())),
                Arguments.of("RFC 7296 §3.14 SK envelope", new SkPayload(PayloadType.IDR, filled(120, 0xEE))),
                Arguments.of("RFC 7296 §3.14 SK of an empty INFORMATIONAL", new SkPayload(PayloadType.NONE, filled(32, 0xEF))),
                Arguments.of("RFC 7383 §2.5 SKF, a later fragment", new SkfPayload(PayloadType.NONE, 3, 3, filled(50, 0xF0))),
                Arguments.of("RFC 7296 §3.15 CP reply with every attribute", new CpPayload(CpPayload.CFG_REPLY, List.of(
                        ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_ADDRESS, ip("198.18.2.1")),
                        ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_NETMASK, ip("255.255.255.255")),
                        ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_DNS, ip("198.18.1.53")),
                        new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_SUBNET, Octets.fromHex("c6120100ffffff00")),
                        ConfigAttribute.ip6Address(ip("2001:db8:2::1"), 64),
                        ConfigAttribute.address(ConfigAttribute.INTERNAL_IP6_DNS, ip("2001:db8::53")),
                        ConfigAttribute.dnsDomain("corp.example"),
                        new ConfigAttribute(0x4000, Octets.fromHex("abcdef"))))),
                Arguments.of("RFC 7296 §3.15 CP request", new CpPayload(CpPayload.CFG_REQUEST, List.of(
                        ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_ADDRESS),
                        ConfigAttribute.request(ConfigAttribute.INTERNAL_IP6_ADDRESS),
                        ConfigAttribute.request(ConfigAttribute.INTERNAL_DNS_DOMAIN)))),
                Arguments.of("RFC 7296 §3.15 CP set and ack", new CpPayload(CpPayload.CFG_ACK, List.of())),
                Arguments.of("RFC 7296 §3.16 EAP", new EapPayload(Octets.fromHex("0201000501"))),
                Arguments.of("RFC 7296 §2.5 unknown critical payload", new UnsupportedPayload(200, true, filled(9, 3))),
                Arguments.of("RFC 7296 §2.5 unknown non-critical payload", new UnsupportedPayload(1, false, Octets.EMPTY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void roundTripsAlone(String name, IkePayload payload) {
        IkeMessage message = new IkeMessage(HEADER, payload);
        byte[] bytes = message.encode();
        assertEquals(IkeHeader.SIZE + 4 + payload.bodyLength(), bytes.length);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(bytes), name);
        assertEquals(message.encodedHeader(), ok.message().header());
        assertEquals(List.of(payload), ok.message().payloads());
        assertArrayEquals(bytes, ok.message().encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    @DisplayName("RFC 7296 §3.2: inside a chain, followed by a Vendor ID, the next-payload field links correctly")
    void roundTripsInAChain(String name, IkePayload payload) {
        if (payload instanceof SkPayload || payload instanceof SkfPayload) {
            return;
        }
        List<IkePayload> chain = List.of(new VendorIdPayload(filled(4, 1)), payload, NotifyPayload.of(NotifyType.COOKIE2));
        byte[] bytes = PayloadChain.encode(chain);
        PayloadChain.Result.Ok ok = assertInstanceOf(PayloadChain.Result.Ok.class,
                PayloadChain.decode(PayloadType.VENDOR_ID, bytes, 0, bytes.length, true), name);
        assertEquals(chain, ok.payloads());
    }

    @Test
    @DisplayName("strongswan.md §2 / RFC 7296 §3.14: the IKE_AUTH request's inner payloads decode from SK plaintext")
    void innerChainOfStrongSwanAuth() {
        List<IkePayload> inner = Samples.strongSwanAuthInner();
        byte[] plaintext = PayloadChain.encode(inner);
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 5);
        DecodeResult.Ok outer = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(Samples.skMessage()));
        DecodeResult.Ok decoded = assertInstanceOf(DecodeResult.Ok.class,
                IkeMessage.decodeInner(outer, padded, 0, plaintext.length));
        assertEquals(inner, decoded.message().payloads());
        assertEquals(outer.message().header(), decoded.message().header());
        assertEquals(outer.raw(), decoded.raw());
        assertEquals(PayloadType.IDI, PayloadChain.firstType(inner));
        assertTrue(decoded.message().notify(NotifyType.IKEV2_MESSAGE_ID_SYNC_SUPPORTED).isPresent());
    }

    @Test
    @DisplayName("RFC 7296 §3.14: SK's body is the tail of the encoded message, for in-place encryption")
    void skBodyIsTheTail() {
        byte[] bytes = Samples.skMessage();
        assertEquals(IkeHeader.SIZE + 4 + 96, bytes.length);
        assertEquals(PayloadType.SK, bytes[16]);
        assertEquals(PayloadType.IDI, bytes[IkeHeader.SIZE]);
        for (int i = bytes.length - 96; i < bytes.length; i++) {
            assertEquals((byte) 0xE7, bytes[i]);
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.10.1: INVALID_KE_PAYLOAD carries the accepted group in 2 bytes")
    void invalidKeBytes() {
        assertArrayEquals(hex("00 00 000a 00 00 0011 0013"), PayloadChain.encode(List.of(NotifyPayload.invalidKe(19))));
        assertArrayEquals(hex("00 00 0009 00 00 0001 c8"), PayloadChain.encode(List.of(NotifyPayload.unsupportedCritical(200))));
    }

    @Test
    @DisplayName("RFC 7296 §3.13.1: an IPv4 range selector's bytes")
    void trafficSelectorBytes() {
        TsPayload ts = new TsPayload(false, List.of(TrafficSelector.AddressRange.all(ip("198.18.1.0"), ip("198.18.1.255"))));
        assertArrayEquals(hex("00 00 0018 01 000000 07 00 0010 0000 ffff c6120100 c61201ff"), PayloadChain.encode(List.of(ts)));
    }

    @Test
    @DisplayName("RFC 7296 §3.15.1, RFC 8598 §3.1: configuration attribute bytes")
    void configAttributeBytes() {
        CpPayload cp = new CpPayload(CpPayload.CFG_REPLY, List.of(
                ConfigAttribute.address(ConfigAttribute.INTERNAL_IP4_ADDRESS, ip("198.18.2.1")),
                ConfigAttribute.ip6Address(ip("2001:db8::2"), 64),
                ConfigAttribute.dnsDomain("a.b")));
        assertArrayEquals(hex("""
                00 00 002c 02 000000
                0001 0004 c6120201
                0008 0011 20010db8000000000000000000000002 40
                0019 0003 612e62"""), PayloadChain.encode(List.of(cp)));
        assertEquals(ip("2001:db8::2"), cp.attributes().get(1).address().orElseThrow());
        assertTrue(cp.attributes().get(2).address().isEmpty());
        assertEquals(1, cp.attributesOf(ConfigAttribute.INTERNAL_DNS_DOMAIN).size());
    }

    @Test
    @DisplayName("RFC 7296 §3.11, RFC 7383 §2.5: Delete and SKF bytes")
    void deleteAndFragmentBytes() {
        assertArrayEquals(hex("00 00 0010 03 04 0002 c0ffee01 00000100"), PayloadChain.encode(List.of(DeletePayload.esp(0xc0ffee01, 0x100))));
        assertArrayEquals(hex("00 00 0008 01 00 0000"), PayloadChain.encode(List.of(DeletePayload.ikeSa())));
        byte[] skf = new IkeMessage(HEADER, new SkfPayload(PayloadType.IDI, 1, 2, Octets.fromHex("aabb"))).encode();
        assertArrayEquals(hex("23 00 000a 0001 0002 aabb"), Arrays.copyOfRange(skf, IkeHeader.SIZE, skf.length));
    }

    @Test
    @DisplayName("RFC 7296 §3.7: CERTREQ splits its data into 20-byte SHA-1 hashes of CA keys")
    void certReqHashes() {
        CertReqPayload request = CertReqPayload.x509(List.of(filled(20, 1), filled(20, 2)));
        assertEquals(List.of(filled(20, 1), filled(20, 2)), request.caKeyHashes());
        assertTrue(new CertReqPayload(CertEncoding.RAW_RSA_KEY, filled(3, 9)).caKeyHashes().isEmpty());
    }

    @Test
    @DisplayName("Secrets: EAP content and long fields never appear whole in toString")
    void toStringHidesContents() {
        EapPayload eap = new EapPayload(Octets.fromHex("02010010" + "73656372657470617373776f7264"));
        assertFalse(eap.toString().contains("7365637265"), eap.toString());
        String nonce = new NoncePayload(filled(32, 0xAB)).toString();
        assertFalse(nonce.contains("ab".repeat(9)), nonce);
        assertTrue(NotifyPayload.invalidKe(19).toString().contains("INVALID_KE_PAYLOAD"));
    }
}
