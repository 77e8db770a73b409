package dev.quetzal.plugin.ikev2.message;

import dev.quetzal.api.net.IpAddress;
import java.util.HexFormat;
import java.util.List;

/** Messages and payloads shared by the codec tests, with the RFC sections they follow. */
final class Samples {
    private Samples() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    /**
     * The shape of strongSwan 5.9.8's IKE_SA_INIT request (strongswan.md §2: SA KE No N(NATD_S_IP) N(NATD_D_IP)
     * N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP)), written by hand field by field from RFC 7296 §3.1-§3.10.
     */
    static final String STRONGSWAN_INIT_HEX = """
            1f2e3d4c5b6a7988 0000000000000000 21 20 22 08 00000000 00000134
            22 00 0054
              02 00 0024 01 01 00 03
                03 00 000c 01 00 0014 800e 0100
                03 00 0008 02 00 0005
                00 00 0008 04 00 0013
              00 00 002c 02 01 00 04
                03 00 000c 01 00 000c 800e 0100
                03 00 0008 03 00 000c
                03 00 0008 02 00 0005
                00 00 0008 04 00 000e
            28 00 0048 0013 0000
              1111111111111111111111111111111111111111111111111111111111111111
              2222222222222222222222222222222222222222222222222222222222222222
            29 00 0024
              3333333333333333333333333333333333333333333333333333333333333333
            29 00 001c 00 00 4004 4444444444444444444444444444444444444444
            29 00 001c 00 00 4005 5555555555555555555555555555555555555555
            29 00 0008 00 00 402e
            29 00 0010 00 00 402f 0002 0003 0004 0005
            00 00 0008 00 00 4016
            """;

    static byte[] strongSwanInit() {
        return hex(STRONGSWAN_INIT_HEX);
    }

    static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    static Octets filled(int size, int value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) value);
        return Octets.of(bytes);
    }

    /** An ESP proposal as strongSwan offers it for a Child SA (RFC 7296 §3.3.1, 4-byte SPI). */
    static Proposal espProposal() {
        return new Proposal(1, ProtocolId.ESP, Octets.fromHex("c0ffee01"), List.of(
                Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_GCM_16, 256),
                Transform.of(TransformType.ESN, TransformType.ESN_NONE)));
    }

    /** The payloads of strongSwan's IKE_AUTH request (strongswan.md §2), as the plaintext inside SK. */
    static List<IkePayload> strongSwanAuthInner() {
        return List.of(
                IdPayload.rfc822(true, "client1@vpn.test"),
                CertPayload.x509(filled(300, 0x30).toByteArray()),
                NotifyPayload.of(NotifyType.INITIAL_CONTACT),
                CertReqPayload.x509(List.of(filled(20, 0xAB))),
                IdPayload.fqdn(false, "vpn.test"),
                new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, filled(80, 0x5A)),
                new CpPayload(CpPayload.CFG_REQUEST, List.of(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_ADDRESS))),
                new SaPayload(espProposal()),
                new TsPayload(true, List.of(TrafficSelector.AddressRange.all(ip("0.0.0.0"), ip("255.255.255.255")))),
                new TsPayload(false, List.of(TrafficSelector.AddressRange.all(ip("198.18.1.0"), ip("198.18.1.255")))),
                NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED),
                NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES),
                NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED),
                NotifyPayload.of(NotifyType.EAP_ONLY_AUTHENTICATION),
                NotifyPayload.of(NotifyType.IKEV2_MESSAGE_ID_SYNC_SUPPORTED));
    }

    static IkeHeader authHeader() {
        return IkeHeader.of(0x1f2e3d4c5b6a7988L, 0x0102030405060708L, ExchangeType.IKE_AUTH, true, false, 1);
    }

    /** An IKE_AUTH request as sent: header and one SK payload with an opaque body (RFC 7296 §3.14). */
    static byte[] skMessage() {
        return new IkeMessage(authHeader(), new SkPayload(PayloadType.IDI, filled(96, 0xE7))).encode();
    }

    /** The first of two IKE fragments (RFC 7383 §2.5). */
    static byte[] skfMessage() {
        return new IkeMessage(authHeader(), new SkfPayload(PayloadType.IDI, 1, 2, filled(64, 0xE8))).encode();
    }

    /** The messages the malformed-input tests start from. */
    static List<byte[]> validMessages() {
        return List.of(strongSwanInit(), skMessage(), skfMessage(),
                new IkeMessage(authHeader(), strongSwanAuthInner()).encode());
    }
}
