package dev.quetzal.plugin.ikev2.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quetzal.plugin.ikev2.crypto.DhGroup;
import dev.quetzal.plugin.ikev2.crypto.EncryptionAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.IkeSaKeys;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.crypto.IntegrityAlgorithm;
import dev.quetzal.plugin.ikev2.crypto.KeySchedule;
import dev.quetzal.plugin.ikev2.crypto.PrfAlgorithm;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

/**
 * The SK payload decrypt path of a responder's IKE SA ({@link SkProtection#open}, then the inner decode) with fixed
 * keys, AES-GCM-16 (RFC 5282) and AES-CBC with HMAC-SHA-256-128 (RFC 7296 §3.14, RFC 4868).
 *
 * <p>Input: octet 0 picks the suite (bit 0) and the mode ((octet 0 >> 1) % 3); octet 1 is the first inner payload
 * type; the rest is, by mode: 0, the encrypted part of an authentic SK payload (inner chain, padding, Pad Length),
 * checked against an independent decryption; 1, the SK body as sent by someone without the keys; 2, a whole
 * datagram. After every input the SA still opens a genuine message: a failure changed nothing.
 */
@DisplayName("RFC 7296 §3.14, §2.21.1; RFC 5282: SK payload decryption, fuzzed (issue 8 fuzzing)")
final class SkProtectionFuzzTest {
    private static final IkeSuite GCM = new IkeSuite(EncryptionAlgorithm.AES_GCM_16, 256, PrfAlgorithm.HMAC_SHA2_256,
            IntegrityAlgorithm.NONE, DhGroup.ECP_256);
    private static final IkeSuite CBC = new IkeSuite(EncryptionAlgorithm.AES_CBC, 256, PrfAlgorithm.HMAC_SHA2_256,
            IntegrityAlgorithm.HMAC_SHA2_256_128, DhGroup.MODP_2048);
    private static final long SPI_I = 0x1f2e3d4c5b6a7988L;
    private static final long SPI_R = 0x0102030405060708L;
    private static final IkeHeader REQUEST = IkeHeader.of(SPI_I, SPI_R, ExchangeType.INFORMATIONAL, true, false, 2);
    private static final List<IkePayload> GENUINE = List.of(NotifyPayload.of(NotifyType.INITIAL_CONTACT));

    /** One IKE SA's two ends with fixed keys: the client seals, the gateway (responder) opens. */
    private record Sa(IkeSuite suite, IkeSaKeys keys, SkProtection client, SkProtection gateway) {
        static Sa of(IkeSuite suite) {
            byte[] ni = filled(32, 0x11);
            byte[] nr = filled(32, 0x22);
            byte[] gir = filled(256, 0x33);
            IkeSaKeys keys = KeySchedule.initialIkeSaKeys(suite, ni, nr, gir, SPI_I, SPI_R);
            SecureRandom random = new SecureRandom();
            return new Sa(suite, keys, new SkProtection(suite, keys, true, random),
                    new SkProtection(suite, keys, false, random));
        }
    }

    private final Sa gcm = Sa.of(GCM);
    private final Sa cbc = Sa.of(CBC);

    @FuzzTest
    @DisplayName("RFC 7296 §3.14: authentic SK content opens exactly as padded, forged never does, nothing changes")
    void open(byte[] input) {
        if (input.length < 2) {
            return;
        }
        Sa sa = (input[0] & 1) == 0 ? gcm : cbc;
        int firstInnerType = input[1] & 0xFF;
        byte[] rest = Arrays.copyOfRange(input, 2, input.length);
        switch (((input[0] & 0xFF) >> 1) % 3) {
            case 0 -> authentic(sa, firstInnerType, rest);
            case 1 -> forgedBody(sa, firstInnerType, rest);
            default -> wholeDatagram(sa, rest);
        }
        stillOpens(sa);
    }

    private static void authentic(Sa sa, int firstInnerType, byte[] encrypted) {
        byte[] wire = SkCrafter.craft(sa.suite(), sa.keys().outbound(true), REQUEST, firstInnerType, encrypted);
        DecodeResult.Ok outer = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(wire));
        byte[] text = sa.suite().encryption().isAead() ? encrypted
                : Arrays.copyOf(encrypted, (encrypted.length + 15) / 16 * 16);
        Optional<DecodeResult> expected = Optional.empty();
        // Pad Length counts the padding octets before it; they may hold anything (RFC 7296 §3.14).
        if (text.length > 0 && (text[text.length - 1] & 0xFF) + 1 <= text.length) {
            int plaintextLength = text.length - 1 - (text[text.length - 1] & 0xFF);
            expected = Optional.of(IkeMessage.decodeInner(outer, text, 0, plaintextLength));
        }
        Optional<DecodeResult> opened = sa.gateway().open(outer);
        assertEquals(expected, opened);
        opened.ifPresent(result -> {
            if (result instanceof DecodeResult.Error error) {
                assertEquals(DecodeResult.Stage.INSIDE_SK, error.stage());
            }
        });
    }

    private static void forgedBody(Sa sa, int firstInnerType, byte[] body) {
        byte[] wire = new IkeMessage(REQUEST, new SkPayload(firstInnerType, Octets.of(body))).encode();
        DecodeResult.Ok outer = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(wire));
        assertEquals(Optional.empty(), sa.gateway().open(outer), "an SK body made without the keys opened");
    }

    private static void wholeDatagram(Sa sa, byte[] datagram) {
        if (IkeMessage.decode(datagram) instanceof DecodeResult.Ok outer) {
            assertEquals(Optional.empty(), sa.gateway().open(outer), "a datagram made without the keys opened");
        }
    }

    private static void stillOpens(Sa sa) {
        byte[] wire = sa.client().seal(REQUEST, GENUINE);
        DecodeResult.Ok outer = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(wire));
        Optional<DecodeResult> opened = sa.gateway().open(outer);
        assertTrue(opened.isPresent(), "a genuine message no longer opens");
        assertEquals(GENUINE, assertInstanceOf(DecodeResult.Ok.class, opened.get()).message().payloads());
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
