package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.SPI_B;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.buffer;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.craft;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv4;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv6;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.keys;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.receiver;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.seal;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inbound processing (RFC 4303 §3.4) on bad input: each drop reason, each counted, none thrown, and no
 * drop before the ICV verified moves the replay window.
 */
final class EspInboundDropTest {
    private static Map<EspDropReason, Long> counts(EspSa sa) {
        Map<EspDropReason, Long> m = new EnumMap<>(EspDropReason.class);
        for (EspDropReason r : EspDropReason.values()) {
            m.put(r, sa.drops(r));
        }
        return m;
    }

    private static EspDecryptResult decrypt(EspSa sa, byte[] esp) {
        return sa.decrypt(buffer(esp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §3.4.3: a replayed packet is dropped as REPLAY, also when it is older than the window")
    void replays(EspTransform suite) {
        EspSa local = sender(suite, false);
        EspSa peer = receiver(suite, false);
        byte[] first = seal(local, ipv4(60, 1));
        assertInstanceOf(EspDecryptResult.Ok.class, decrypt(peer, first));
        assertEquals(new EspDecryptResult.Drop(EspDropReason.REPLAY), decrypt(peer, first));
        local.skipOutboundSequenceTo(ReplayWindow.SIZE + 5);
        assertInstanceOf(EspDecryptResult.Ok.class, decrypt(peer, seal(local, ipv4(60, 2))));
        local.skipOutboundSequenceTo(1);
        assertEquals(new EspDecryptResult.Drop(EspDropReason.REPLAY), decrypt(peer, seal(local, ipv4(60, 3))));
        assertEquals(2, peer.drops(EspDropReason.REPLAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §3.4.4: every single-bit flip is AUTH_FAILED (or MALFORMED for the SPI) and never moves the window")
    void everyFlippedBitIsRejected(EspTransform suite) {
        EspSa local = sender(suite, true);
        EspSa peer = receiver(suite, true);
        local.skipOutboundSequenceTo(40);
        byte[] good = seal(local, ipv4(45, 4));
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            EspDropReason expected = i < 4 ? EspDropReason.MALFORMED : EspDropReason.AUTH_FAILED;
            assertEquals(new EspDecryptResult.Drop(expected), decrypt(peer, bad), "byte " + i);
        }
        assertEquals(0, peer.inboundHighestSequence());
        assertEquals(good.length - 4, peer.drops(EspDropReason.AUTH_FAILED));
        assertEquals(4, peer.drops(EspDropReason.MALFORMED));
        assertInstanceOf(EspDecryptResult.Ok.class, decrypt(peer, good));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §3.4: every truncated prefix and every over-long copy is dropped, never thrown")
    void truncatedAndExtended(EspTransform suite) {
        EspSa local = sender(suite, false);
        EspSa peer = receiver(suite, false);
        byte[] good = seal(local, ipv6(70, 5));
        for (int n = 0; n < good.length; n++) {
            EspDecryptResult r = decrypt(peer, Arrays.copyOf(good, n));
            assertInstanceOf(EspDecryptResult.Drop.class, r, "prefix " + n);
        }
        for (int extra = 1; extra <= 17; extra++) {
            assertInstanceOf(EspDecryptResult.Drop.class, decrypt(peer, Arrays.copyOf(good, good.length + extra)));
        }
        Map<EspDropReason, Long> c = counts(peer);
        assertEquals(good.length + 17, c.get(EspDropReason.MALFORMED) + c.get(EspDropReason.AUTH_FAILED));
        assertInstanceOf(EspDecryptResult.Ok.class, decrypt(peer, good));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §2.6: next header 59 is a dummy packet, dropped as DUMMY after it authenticated")
    void dummyPackets(EspTransform suite) {
        EspSa peer = receiver(suite, false);
        byte[] text = text(suite, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, 59);
        byte[] esp = craft(suite, keys(suite, 1), SPI_B, 3, false, text);
        assertEquals(new EspDecryptResult.Drop(EspDropReason.DUMMY), decrypt(peer, esp));
        assertEquals(1, peer.drops(EspDropReason.DUMMY));
        // It was authentic, so its sequence number is used up.
        assertEquals(new EspDecryptResult.Drop(EspDropReason.REPLAY), decrypt(peer, esp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §2.4: padding bytes other than 1, 2, 3... or a pad length past the payload are PADDING")
    void badPadding(EspTransform suite) {
        EspSa peer = receiver(suite, false);
        byte[] inner = ipv4(41, 6);
        byte[] text = text(suite, inner, 4);
        text[inner.length] = 7;
        assertEquals(new EspDecryptResult.Drop(EspDropReason.PADDING),
                decrypt(peer, craft(suite, keys(suite, 1), SPI_B, 1, false, text)));
        byte[] tooLong = text(suite, inner, 4);
        tooLong[tooLong.length - 2] = (byte) 250;
        assertEquals(new EspDecryptResult.Drop(EspDropReason.PADDING),
                decrypt(peer, craft(suite, keys(suite, 1), SPI_B, 2, false, tooLong)));
        assertEquals(2, peer.drops(EspDropReason.PADDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §2.7: TFC padding after the inner packet is accepted and trimmed by the inner IP length")
    void tfcPaddingIsTrimmed(EspTransform suite) {
        EspSa peer = receiver(suite, false);
        byte[] inner4 = ipv4(60, 7);
        byte[] withTfc4 = Arrays.copyOf(inner4, 60 + 300);
        assertEquals(new EspDecryptResult.Ok(4),
                decryptInto(peer, craft(suite, keys(suite, 1), SPI_B, 1, false, text(suite, withTfc4, 4)), inner4));
        byte[] inner6 = ipv6(90, 8);
        byte[] withTfc6 = Arrays.copyOf(inner6, 90 + 77);
        assertEquals(new EspDecryptResult.Ok(41),
                decryptInto(peer, craft(suite, keys(suite, 1), SPI_B, 2, false, text(suite, withTfc6, 41)), inner6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §2.6: an unknown next header, a wrong IP version or an inner length past the payload is MALFORMED")
    void malformedInner(EspTransform suite) {
        EspSa peer = receiver(suite, false);
        EspKeys k = keys(suite, 1);
        assertEquals(new EspDecryptResult.Drop(EspDropReason.MALFORMED),
                decrypt(peer, craft(suite, k, SPI_B, 1, false, text(suite, ipv4(40, 1), 17))));
        assertEquals(new EspDecryptResult.Drop(EspDropReason.MALFORMED),
                decrypt(peer, craft(suite, k, SPI_B, 2, false, text(suite, ipv4(40, 1), 41))));
        byte[] longer = ipv4(40, 1);
        longer[3] = 41;
        assertEquals(new EspDecryptResult.Drop(EspDropReason.MALFORMED),
                decrypt(peer, craft(suite, k, SPI_B, 3, false, text(suite, longer, 4))));
        assertEquals(new EspDecryptResult.Drop(EspDropReason.MALFORMED),
                decrypt(peer, craft(suite, k, SPI_B, 4, false, text(suite, shortHeader(), 4))));
        assertEquals(4, peer.drops(EspDropReason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    @DisplayName("RFC 4303 §3.4.2: a packet for another SPI is MALFORMED here (the caller's lookup went wrong)")
    void wrongSpi(EspTransform suite) {
        EspSa peer = receiver(suite, false);
        byte[] esp = seal(sender(suite, false), ipv4(60, 1));
        esp[3] ^= 1;
        assertEquals(new EspDecryptResult.Drop(EspDropReason.MALFORMED), decrypt(peer, esp));
    }

    /** 19 bytes that call themselves an IPv4 packet of 19 bytes: shorter than any IPv4 header. */
    private static byte[] shortHeader() {
        byte[] p = Arrays.copyOf(ipv4(40, 1), 19);
        p[3] = 19;
        return p;
    }

    /** Payload, padding 1,2,3... to the cipher's alignment, pad length, next header. */
    private static byte[] text(EspTransform suite, byte[] payload, int nextHeader) {
        int align = suite.encryption().alignment();
        int length = (payload.length + 2 + align - 1) / align * align;
        byte[] t = Arrays.copyOf(payload, length);
        int pad = length - payload.length - 2;
        for (int i = 0; i < pad; i++) {
            t[payload.length + i] = (byte) (i + 1);
        }
        t[length - 2] = (byte) pad;
        t[length - 1] = (byte) nextHeader;
        return t;
    }

    private static EspDecryptResult decryptInto(EspSa sa, byte[] esp, byte[] expectedInner) {
        PacketBuffer b = buffer(esp);
        EspDecryptResult r = sa.decrypt(b);
        assertArrayEquals(expectedInner, b.toByteArray());
        return r;
    }
}
