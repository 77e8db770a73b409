package dev.quetzal.plugin.nat64.xlat;

import static dev.quetzal.plugin.nat64.Packets.concat;
import static dev.quetzal.plugin.nat64.Packets.fixTransport;
import static dev.quetzal.plugin.nat64.Packets.icmp;
import static dev.quetzal.plugin.nat64.Packets.ipv4;
import static dev.quetzal.plugin.nat64.Packets.ipv6;
import static dev.quetzal.plugin.nat64.Packets.u16;
import static dev.quetzal.plugin.nat64.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.plugin.nat64.Nat64Config;
import dev.quetzal.plugin.nat64.Nat64Setup;
import dev.quetzal.plugin.nat64.Packets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7915 behaviour the Jool vectors do not show, on hand-made packets (plain SIIT, Pref64 64:ff9b:1::/96). */
final class TranslatorTest {
    static final String C4 = "100.64.0.2";
    static final String C6 = "64:ff9b:1::6440:2";
    static final String S4 = "198.18.0.1";
    static final String S6 = "64:ff9b:1::c612:1";
    static final String R4 = "198.18.0.9"; // an IPv4 router
    static final String R6 = "64:ff9b:1::c612:9";

    long nanos;
    final List<byte[]> emitted = new ArrayList<>();
    final PacketOutput output = new PacketOutput() {
        @Override
        public PacketBuffer acquire() {
            return PacketBuffer.allocate(128, 2048);
        }

        @Override
        public void emit(PacketBuffer packet) {
            emitted.add(packet.toByteArray());
        }
    };

    Translator translator(String udpZero, int errorsPerSecond) {
        Nat64Config config = new Nat64Config(IpPrefix.parse("64:ff9b:1::/96"), null, null, null, udpZero);
        return new Translator(Nat64Setup.mapper(config, null),
                new TranslatorSettings(1280, udpZero.equals("compute"), errorsPerSecond), () -> nanos);
    }

    Translator translator() {
        return translator("compute", 100);
    }

    static PacketBuffer buffer(byte[] p) {
        return PacketBuffer.copyOf(p, 128, 256);
    }

    static byte[] udp4(String src, String dst, int ttl, int flags, int length) {
        return fixTransport(ipv4(src, dst, 17, ttl, 0x1234, flags, udp(1000, 2000, length)), 20, 17);
    }

    static byte[] udp6(String src, String dst, int hop, int length) {
        return fixTransport(ipv6(src, dst, 17, hop, udp(1000, 2000, length)), 40, 17);
    }

    /** An IPv4 packet whose ICMP checksum covers the message after {@code ihl}. */
    static byte[] icmp4(String src, String dst, byte[] message) {
        return fixTransport(ipv4(src, dst, 1, 64, 7, 0, message), 20, 1);
    }

    static byte[] icmp6(String src, String dst, byte[] message) {
        return fixTransport(ipv6(src, dst, 58, 64, message), 40, 58);
    }

    @Test
    @DisplayName("RFC 7915 §4.1 and §5.1: TOS and Traffic Class copied both ways, flow label 0")
    void copiesTrafficClass() {
        byte[] v4 = udp4(S4, C4, 64, 0x4000, 20);
        v4[1] = (byte) 0xB8;
        v4[10] = 0;
        v4[11] = 0;
        Packets.put16(v4, 10, ~Packets.sum(v4, 0, 20, 0) & 0xFFFF);
        PacketBuffer p = buffer(v4);
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        byte[] v6 = p.toByteArray();
        assertEquals(0x6B800000, java.nio.ByteBuffer.wrap(v6).getInt(0));
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        assertEquals(0xB8, p.toByteArray()[1] & 0xFF);
    }

    @Test
    @DisplayName("RFC 7915 §4.1: TTL 1 is answered with Time Exceeded from 192.0.0.8 (RFC 7600), rate-limited")
    void timeExceededIsRateLimited() {
        Translator t = translator("compute", 2);
        for (int i = 0; i < 2; i++) {
            PacketBuffer p = buffer(udp4(S4, C4, 1, 0x4000, 20));
            assertSame(Translation.REPLY, t.toIpv6(p, output));
            byte[] r = p.toByteArray();
            assertEquals(11, r[20], "Time Exceeded");
            assertEquals(IpAddress.parse("192.0.0.8"), Packets.address(r, 12, 4));
            assertEquals(IpAddress.parse(S4), Packets.address(r, 16, 4));
            assertTrue(Packets.ipv4HeaderValid(r, 0) && Packets.transportValid(r, 20, 1));
            assertEquals(IpAddress.parse(S4), Packets.address(r, 28 + 12, 4), "the original packet follows");
        }
        assertSame(Translation.TTL_EXCEEDED, t.toIpv6(buffer(udp4(S4, C4, 1, 0x4000, 20)), output));
        nanos += 1_000_000_000L;
        assertSame(Translation.REPLY, t.toIpv6(buffer(udp4(S4, C4, 0, 0x4000, 20)), output));
    }

    @Test
    @DisplayName("RFC 7915 §4.1: IPv4 options are ignored, an unexpired source route gets Source Route Failed")
    void ipv4Options() {
        byte[] base = udp4(S4, C4, 64, 0x4000, 20);
        for (int pointer : new int[] {4, 8, 9}) {
            // A loose source route (131) with one address; the pointer says whether it is used up.
            byte[] options = {(byte) 131, 7, (byte) pointer, (byte) 198, 18, 0, 3, 1};
            byte[] packet = withOptions(base, options);
            PacketBuffer p = buffer(packet);
            Translation result = translator().toIpv6(p, output);
            if (pointer <= 7) {
                assertSame(Translation.REPLY, result);
                assertEquals(3, p.toByteArray()[20]);
                assertEquals(5, p.toByteArray()[21], "Source Route Failed");
            } else {
                assertSame(Translation.TRANSLATED, result);
                byte[] v6 = p.toByteArray();
                assertEquals(40 + 28, v6.length, "options are not carried over");
                assertTrue(Packets.transportValid(v6, 40, 17));
            }
        }
    }

    static byte[] withOptions(byte[] packet, byte[] options) {
        int ihl = 20 + options.length;
        byte[] r = concat(Arrays.copyOf(packet, 20), options, Arrays.copyOfRange(packet, 20, packet.length));
        r[0] = (byte) (0x40 | ihl / 4);
        Packets.put16(r, 2, r.length);
        r[10] = 0;
        r[11] = 0;
        Packets.put16(r, 10, ~Packets.sum(r, 0, ihl, 0) & 0xFFFF);
        return r;
    }

    @Test
    @DisplayName("RFC 7915 §5.1: hop-by-hop and destination options are skipped; Segments Left != 0 gets Parameter Problem")
    void extensionHeaders() {
        byte[] udp = udp(1000, 2000, 20);
        byte[] hopByHop = {60, 0, 1, 4, 0, 0, 0, 0}; // next: destination options; PadN
        byte[] destOpts = {43, 0, 1, 4, 0, 0, 0, 0}; // next: routing
        byte[] routing = {17, 2, 0, 1, 0, 0, 0, 0, 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        byte[] packet = fixTransport(ipv6(C6, S6, 0, 64, concat(hopByHop, destOpts, routing, udp)), 40 + 40, 17);
        PacketBuffer p = buffer(packet);
        assertSame(Translation.REPLY, translator().toIpv4(p, -1));
        byte[] r = p.toByteArray();
        assertEquals(4, r[40], "Parameter Problem");
        assertEquals(0, r[41]);
        assertEquals(40 + 16 + 3, java.nio.ByteBuffer.wrap(r).getInt(44), "points at Segments Left");
        assertTrue(Packets.transportValid(r, 40, 58));

        routing[3] = 0; // segments left 0: translated, the headers dropped
        packet = fixTransport(ipv6(C6, S6, 0, 64, concat(hopByHop, destOpts, routing, udp)), 80, 17);
        p = buffer(packet);
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        byte[] v4 = p.toByteArray();
        assertEquals(48, v4.length);
        assertEquals(17, v4[9]);
        assertTrue(Packets.transportValid(v4, 20, 17));
    }

    @Test
    @DisplayName("RFC 7915 §4.5: zero-checksum UDP is computed when whole, dropped when fragmented or when so configured")
    void udpZeroChecksum() {
        byte[] zero = udp4(S4, C4, 64, 0x4000, 21);
        zero[26] = 0;
        zero[27] = 0;
        PacketBuffer p = buffer(zero);
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        assertTrue(Packets.transportValid(p.toByteArray(), 40, 17));
        assertSame(Translation.UDP_ZERO_CHECKSUM, translator("drop", 100).toIpv6(buffer(zero), output));
        byte[] fragment = ipv4(S4, C4, 17, 64, 9, 0x2000, udp(1000, 2000, 40));
        assertSame(Translation.UDP_ZERO_CHECKSUM, translator().toIpv6(buffer(fragment), output));
    }

    @Test
    @DisplayName("RFC 7915 §4.1/§5.1: unknown protocols are copied; fragmented ICMP is dropped (its checksum needs the whole)")
    void otherProtocolsAndFragmentedIcmp() {
        byte[] gre = ipv4(S4, C4, 47, 64, 1, 0x4000, new byte[] {0, 0, 0x08, 0, 1, 2, 3, 4});
        PacketBuffer p = buffer(gre);
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        byte[] v6 = p.toByteArray();
        assertEquals(47, v6[6]);
        assertArrayEquals(Arrays.copyOfRange(gre, 20, gre.length), Arrays.copyOfRange(v6, 40, v6.length));
        byte[] icmpFragment = ipv4(S4, C4, 1, 64, 1, 0x2000, icmp(8, 0, 0, new byte[64]));
        assertSame(Translation.ICMP_FRAGMENTED, translator().toIpv6(buffer(icmpFragment), output));
        assertSame(Translation.IGMP, translator().toIpv6(buffer(ipv4(S4, C4, 2, 64, 1, 0, new byte[8])), output));
    }

    @Test
    @DisplayName("RFC 7915 §4.1: a fragment larger than the lowest IPv6 MTU is fragmented again, offsets and M kept")
    void refragmentsAFragment() {
        byte[] payload = new byte[1500];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        // A middle fragment: offset 185 * 8 = 1480, MF set.
        byte[] fragment = ipv4(S4, C4, 17, 64, 0x4242, 0x2000 | 185, payload);
        PacketBuffer p = PacketBuffer.copyOf(fragment, 128, 256);
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        assertEquals(1, emitted.size());
        byte[] first = emitted.getFirst();
        byte[] last = p.toByteArray();
        assertEquals(1280, first.length);
        assertEquals(1480 | 1, u16(first, 42));
        assertEquals((1480 + 1232) | 1, u16(last, 42), "M stays set: more of the original follows");
        assertEquals(0x4242, java.nio.ByteBuffer.wrap(last).getInt(44));
        assertArrayEquals(Arrays.copyOfRange(payload, 1232, 1500), Arrays.copyOfRange(last, 48, last.length));
    }

    @Test
    @DisplayName("RFC 7915 §4.2: Fragmentation Needed with MTU 0 uses the RFC 1191 plateau below the Total Length, plus 20")
    void packetTooBigFromFragmentationNeeded() {
        byte[] inner = udp4(C4, S4, 63, 0x4000, 1500 - 28);
        byte[] quoted = Arrays.copyOf(inner, 64);
        for (int mtu : new int[] {0, 1400, 1000}) {
            PacketBuffer p = buffer(icmp4(R4, C4, icmp(3, 4, mtu, quoted)));
            assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
            byte[] r = p.toByteArray();
            assertEquals(2, r[40], "Packet Too Big");
            int expected = mtu == 0 ? 1492 + 20 : Math.max(1280, mtu + 20);
            assertEquals(expected, java.nio.ByteBuffer.wrap(r).getInt(44));
            assertTrue(Packets.transportValid(r, 40, 58));
            assertEquals(IpAddress.parse(C6), Packets.address(r, 48 + 8, 16), "the inner packet is translated too");
        }
    }

    @Test
    @DisplayName("RFC 7915 §4.2 Figure 3 and §5.2 Figure 6: Parameter Problem pointers in real packets")
    void parameterProblemPointers() {
        byte[] inner4 = Arrays.copyOf(udp4(C4, S4, 63, 0x4000, 100), 48);
        PacketBuffer p = buffer(icmp4(R4, C4, icmp(12, 0, 9 << 24, inner4)));
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        byte[] r = p.toByteArray();
        assertEquals(4, r[40]);
        assertEquals(6, java.nio.ByteBuffer.wrap(r).getInt(44), "Protocol -> Next Header");
        assertSame(Translation.ICMP_UNTRANSLATABLE, translator().toIpv6(buffer(icmp4(R4, C4, icmp(12, 0, 4 << 24, inner4))), output));

        byte[] inner6 = Arrays.copyOf(udp6(S6, C6, 63, 100), 64);
        p = buffer(icmp6(C6, S6, icmp(4, 0, 7, inner6)));
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        r = p.toByteArray();
        assertEquals(12, r[20]);
        assertEquals(8, r[24], "Hop Limit -> TTL");
        assertTrue(Packets.transportValid(r, 20, 1) && Packets.ipv4HeaderValid(r, 28));
        p = buffer(icmp6(C6, S6, icmp(4, 1, 40, inner6)));
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        assertEquals(3, p.toByteArray()[20]);
        assertEquals(2, p.toByteArray()[21], "unrecognized Next Header -> Protocol Unreachable");
        assertSame(Translation.ICMP_UNTRANSLATABLE, translator().toIpv4(buffer(icmp6(C6, S6, icmp(4, 0, 2, inner6))), -1));
    }

    @Test
    @DisplayName("RFC 7915 §5.2: Packet Too Big MTU less 20; a bad ICMP error checksum is dropped, not made valid")
    void packetTooBigToFragmentationNeeded() {
        byte[] inner6 = Arrays.copyOf(udp6(S6, C6, 63, 1400), 200);
        PacketBuffer p = buffer(icmp6(C6, S6, icmp(2, 0, 1400, inner6)));
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        byte[] r = p.toByteArray();
        assertEquals(3, r[20]);
        assertEquals(4, r[21]);
        assertEquals(1380, u16(r, 26));
        byte[] bad = icmp6(C6, S6, icmp(2, 0, 1400, inner6));
        bad[43] ^= 1;
        assertSame(Translation.BAD_ICMP_CHECKSUM, translator().toIpv4(buffer(bad), -1));
    }

    @Test
    @DisplayName("RFC 7915 §4.2 with RFC 4884: Time Exceeded keeps its extension, length re-counted in 64-bit words")
    void rfc4884ExtensionFourToSix() {
        byte[] inner = Arrays.copyOf(udp4(C4, S4, 1, 0x4000, 100), 128);
        byte[] extension = {0x20, 0, 0, 0, 0, 8, 1, 1, 0x0a, 0x0b, 0x0c, 0x0d};
        Packets.put16(extension, 2, ~Packets.sum(extension, 0, extension.length, 0) & 0xFFFF);
        byte[] message = icmp(11, 0, 32 << 16, concat(inner, extension)); // length 32 words = 128 bytes
        PacketBuffer p = buffer(icmp4(R4, C4, message));
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        byte[] r = p.toByteArray();
        assertEquals(3, r[40], "Time Exceeded");
        int words = r[44] & 0xFF;
        int original = words * 8;
        assertEquals(152, original, "40 + 108 bytes, padded to 8");
        assertEquals(48 + original + extension.length, r.length);
        assertArrayEquals(extension, Arrays.copyOfRange(r, 48 + original, r.length));
        assertTrue(Packets.transportValid(r, 40, 58));
    }

    @Test
    @DisplayName("RFC 7915 §5.2 with RFC 4884: Destination Unreachable keeps its extension, length re-counted in 32-bit words")
    void rfc4884ExtensionSixToFour() {
        byte[] inner = Arrays.copyOf(udp6(S6, C6, 63, 200), 128);
        byte[] extension = {0x20, 0, 0, 0, 0, 8, 1, 1, 1, 2, 3, 4};
        Packets.put16(extension, 2, ~Packets.sum(extension, 0, extension.length, 0) & 0xFFFF);
        byte[] message = icmp(1, 4, 16 << 24, concat(inner, extension)); // 16 * 8 = 128 bytes
        PacketBuffer p = buffer(icmp6(C6, S6, message));
        assertSame(Translation.TRANSLATED, translator().toIpv4(p, -1));
        byte[] r = p.toByteArray();
        assertEquals(3, r[20]);
        assertEquals(3, r[21], "port unreachable");
        int original = (r[25] & 0xFF) * 4;
        assertEquals(128, original, "20 + 88 bytes, padded to the RFC 4884 minimum of 128");
        assertArrayEquals(extension, Arrays.copyOfRange(r, 28 + original, r.length));
        assertTrue(Packets.transportValid(r, 20, 1));
        assertTrue(Packets.ipv4HeaderValid(r, 0) && Packets.ipv4HeaderValid(r, 28));
    }

    @Test
    @DisplayName("RFC 7915 §4.1: the header grows into the tailroom when the headroom is too small")
    void worksWithoutHeadroom() {
        byte[] v4 = udp4(S4, C4, 64, 0x4000, 30);
        PacketBuffer p = PacketBuffer.copyOf(v4, 0, 64);
        assertSame(Translation.TRANSLATED, translator().toIpv6(p, output));
        assertTrue(Packets.transportValid(p.toByteArray(), 40, 17));
        assertSame(Translation.NO_ROOM, translator().toIpv6(PacketBuffer.copyOf(v4, 0, 0), output));
    }

    @Test
    @DisplayName("RFC 1812 §5.2.2: a bad IPv4 header checksum is dropped; IPv6 off the prefix passes through")
    void badHeaderAndPassthrough() {
        byte[] v4 = udp4(S4, C4, 64, 0x4000, 30);
        v4[10] ^= 1;
        assertSame(Translation.BAD_IPV4_CHECKSUM, translator().toIpv6(buffer(v4), output));
        byte[] v6 = udp6(C6, "2001:db8::1", 64, 30);
        PacketBuffer p = buffer(v6);
        assertSame(Translation.PASSTHROUGH, translator().toIpv4(p, -1));
        assertArrayEquals(v6, p.toByteArray());
    }

    @Test
    @DisplayName("No exception on any input: 50,000 mutated packets each give a Translation")
    void neverThrows() {
        java.util.Random random = new java.util.Random(7915);
        byte[][] seeds = {udp4(S4, C4, 64, 0, 60), udp6(C6, S6, 64, 60),
            icmp4(R4, C4, icmp(3, 4, 0, Arrays.copyOf(udp4(C4, S4, 63, 0x4000, 100), 60))),
            icmp6(C6, S6, icmp(1, 4, 0, Arrays.copyOf(udp6(S6, C6, 63, 100), 80)))};
        Translator t = translator();
        for (int i = 0; i < 50_000; i++) {
            byte[] p = seeds[i % seeds.length].clone();
            for (int m = random.nextInt(4); m >= 0; m--) {
                p[random.nextInt(p.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = Arrays.copyOf(p, random.nextInt(4) == 0 ? random.nextInt(p.length + 1) : p.length);
            PacketBuffer b = PacketBuffer.copyOf(cut, random.nextInt(130), random.nextInt(300));
            Translation result = t.translate(b, random.nextBoolean() ? -1 : 0x64400002L, output);
            assertTrue(result != null);
        }
    }
}
