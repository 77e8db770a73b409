package dev.quetzal.plugin.ikev2.fragment;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.DirectionKeys;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import dev.quetzal.plugin.ikev2.message.AuthMethod;
import dev.quetzal.plugin.ikev2.message.AuthPayload;
import dev.quetzal.plugin.ikev2.message.CertPayload;
import dev.quetzal.plugin.ikev2.message.CertReqPayload;
import dev.quetzal.plugin.ikev2.message.ConfigAttribute;
import dev.quetzal.plugin.ikev2.message.CpPayload;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IdPayload;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadChain;
import dev.quetzal.plugin.ikev2.message.Proposal;
import dev.quetzal.plugin.ikev2.message.ProtocolId;
import dev.quetzal.plugin.ikev2.message.SaPayload;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.Transform;
import dev.quetzal.plugin.ikev2.message.TransformType;
import dev.quetzal.plugin.ikev2.message.TsPayload;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Suites, cipher pairs, a hand-driven clock and a strongSwan-like IKE_AUTH request (strongswan.md §2). */
final class FragmentFixtures {
    static final SecureRandom RANDOM = new SecureRandom();

    private FragmentFixtures() {
    }

    static IkeSuite gcm256() {
        return new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.NONE, DhGroup.ECP_256);
    }

    static IkeSuite cbc256() {
        return new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_256,
                IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048);
    }

    /** The sending and the receiving end of one direction of an IKE SA. */
    record CipherPair(IkeCipher sender, IkeCipher receiver) {
    }

    static CipherPair ciphers(IkeSuite suite) {
        byte[] encryption = new byte[suite.encryptionKeyMaterialLength()];
        byte[] integrity = new byte[suite.integrity().keyLength()];
        RANDOM.nextBytes(encryption);
        RANDOM.nextBytes(integrity);
        DirectionKeys keys = new DirectionKeys(encryption, integrity);
        return new CipherPair(IkeCipher.create(suite, keys, RANDOM), IkeCipher.create(suite, keys, RANDOM));
    }

    static IkeHeader authRequest(long messageId) {
        return IkeHeader.of(0x1f2e3d4c5b6a7988L, 0x0102030405060708L, ExchangeType.IKE_AUTH, true, false, messageId);
    }

    static IkeHeader informationalResponse(long messageId) {
        return IkeHeader.of(0x1f2e3d4c5b6a7988L, 0x0102030405060708L, ExchangeType.INFORMATIONAL, false, true,
                messageId);
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static Octets filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return Octets.of(bytes);
    }

    /**
     * strongSwan 5.9.8's IKE_AUTH request with an RSA-3072 certificate (strongswan.md §2): IDi CERT N(INIT_CONTACT)
     * CERTREQ IDr AUTH CPRQ(ADDR) SA TSi TSr and five notifies. The AUTH data is RFC 7427 §3: a 1-octet length, the
     * 15-octet sha256WithRSAEncryption AlgorithmIdentifier, then a 384-octet RSA-3072 signature.
     */
    static List<IkePayload> strongSwanAuthInner(int certificateLength) {
        IpAddress any = IpAddress.parse("0.0.0.0");
        return List.of(
                IdPayload.rfc822(true, "client1@vpn.test"),
                CertPayload.x509(filled(certificateLength, 0x30).toByteArray()),
                NotifyPayload.of(NotifyType.INITIAL_CONTACT),
                CertReqPayload.x509(List.of(filled(20, 0xAB))),
                IdPayload.fqdn(false, "vpn.test"),
                new AuthPayload(AuthMethod.DIGITAL_SIGNATURE, filled(1 + 15 + 384, 0x5A)),
                new CpPayload(CpPayload.CFG_REQUEST,
                        List.of(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_ADDRESS))),
                new SaPayload(new Proposal(1, ProtocolId.ESP, Octets.fromHex("c0ffee01"), List.of(
                        Transform.withKeyLength(TransformType.ENCR, TransformType.ENCR_AES_GCM_16, 256),
                        Transform.of(TransformType.ESN, TransformType.ESN_NONE)))),
                new TsPayload(true, List.of(TrafficSelector.AddressRange.all(any, IpAddress.parse("255.255.255.255")))),
                new TsPayload(false, List.of(TrafficSelector.AddressRange.all(IpAddress.parse("198.18.1.0"),
                        IpAddress.parse("198.18.1.255")))),
                NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED),
                NotifyPayload.of(NotifyType.NO_ADDITIONAL_ADDRESSES),
                NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED),
                NotifyPayload.of(NotifyType.EAP_ONLY_AUTHENTICATION),
                NotifyPayload.of(NotifyType.IKEV2_MESSAGE_ID_SYNC_SUPPORTED));
    }

    static byte[] encode(List<IkePayload> inner) {
        return PayloadChain.encode(inner);
    }

    /** Decodes a fragment as the receive loop will, before reassembly (RFC 7296 §3, RFC 7383 §2.5). */
    static DecodeResult.Ok decode(byte[] message) {
        return assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(message));
    }

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }
    }
}
