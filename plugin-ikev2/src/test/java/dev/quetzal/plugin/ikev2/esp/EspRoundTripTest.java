package dev.quetzal.plugin.ikev2.esp;

import static dev.quetzal.plugin.ikev2.esp.EspFixtures.buffer;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv4;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.ipv6;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.receiver;
import static dev.quetzal.plugin.ikev2.esp.EspFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite with and without ESN: what one side seals the other opens (RFC 4303 §3.3, §3.4), IPv4 and
 * IPv6 inside (next header 4 / 41, RFC 4303 §2.6), sequence numbers from 1 (RFC 4303 §3.3.3), padding to
 * the cipher's alignment (RFC 4303 §2.4), and across the 2^32 boundary with ESN (RFC 4303 §2.2.1).
 */
final class EspRoundTripTest {
    static Stream<Arguments> suites() {
        return EspFixtures.SUITES.stream().flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void sealedPacketsOpenOnThePeer(EspTransform suite, boolean esn) {
        EspSa local = sender(suite, esn);
        EspSa peer = receiver(suite, esn);
        for (int length = 20; length <= 1500; length += 37) {
            byte[] inner = length % 2 == 0 || length < 40 ? ipv4(length, length) : ipv6(length, length);
            PacketBuffer b = buffer(inner);
            assertEquals(EspEncryptResult.Sealed.FRESH, local.encrypt(b));
            assertEquals(0, (b.length() - suite.headerLength() - suite.icvLength()) % suite.encryption().alignment());
            assertEquals(local.outboundSequence(), b.getInt(4) & 0xFFFF_FFFFL);

            EspDecryptResult result = peer.decrypt(b);

            assertEquals(new EspDecryptResult.Ok(inner[0] >>> 4 == 4 ? 4 : 41), result, "length " + length);
            assertArrayEquals(inner, b.toByteArray());
        }
        assertEquals(peer.stats().inboundPackets(), local.stats().outboundPackets());
        assertEquals(peer.stats().inboundBytes(), local.stats().outboundBytes());
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void firstSequenceNumberIsOne(EspTransform suite, boolean esn) {
        PacketBuffer b = buffer(ipv4(60, 1));
        sender(suite, esn).encrypt(b);
        assertEquals(1, b.getInt(4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    void esnCarriesAcrossTheLow32BitWrap(EspTransform suite) {
        EspSa local = sender(suite, true);
        EspSa peer = receiver(suite, true);
        local.skipOutboundSequenceTo(0xFFFF_FFFDL);
        for (int i = 0; i < 6; i++) {
            byte[] inner = ipv4(80, i);
            PacketBuffer b = buffer(inner);
            local.encrypt(b);
            assertEquals(new EspDecryptResult.Ok(4), peer.decrypt(b), "packet " + i);
            assertArrayEquals(inner, b.toByteArray());
        }
        assertEquals(0x1_0000_0003L, peer.inboundHighestSequence());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.esp.EspFixtures#suitesOnly")
    void cbcIvsDifferPerPacketAndAeadIvIsTheSequence(EspTransform suite) {
        EspSa local = sender(suite, false);
        PacketBuffer first = buffer(ipv4(60, 1));
        PacketBuffer second = buffer(ipv4(60, 1));
        local.encrypt(first);
        local.encrypt(second);
        if (suite.encryption().isAead()) {
            assertEquals(1L, first.getLong(8));
            assertEquals(2L, second.getLong(8));
        } else {
            assertNotEquals(first.getLong(8), second.getLong(8));
            assertNotEquals(first.getLong(16), second.getLong(16));
        }
    }
}
