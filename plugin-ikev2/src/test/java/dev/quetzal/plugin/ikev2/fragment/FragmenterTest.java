package dev.quetzal.plugin.ikev2.fragment;

import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.authRequest;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ciphers;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.decode;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.crypto.DecryptResult;
import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.CipherPair;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkfPayload;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7383 §2.5 (SKF layout), §2.5.1 (fragment size), §2.5.2 (smaller size on retransmission). */
final class FragmenterTest {
    @Test
    @DisplayName("RFC 7383 §2.5.1: the default leaves 1228 octets of IKE message in a 1280-octet IPv6 datagram with marker")
    void defaultSize() {
        assertEquals(1228, FragmentSize.DEFAULT.ikeMessageLimit());
        assertEquals(1280 - 20 - 8, FragmentSize.ipv4(1280, false).ikeMessageLimit());
        assertEquals(576 - 20 - 8 - 4, FragmentSize.ipv4(576, true).ikeMessageLimit());
        assertEquals(1500 - 40 - 8, FragmentSize.ipv6(1500, false).ikeMessageLimit());
        assertThrows(IllegalArgumentException.class, () -> FragmentSize.ipv4(575, false));
        assertThrows(IllegalArgumentException.class, () -> new FragmentSize(1280, 30, 0));
        assertThrows(IllegalArgumentException.class, () -> new FragmentSize(1280, 20, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7383 §2.5: numbers 1..N, same total and header in all, next payload only in fragment 1, each opens alone")
    void layout(IkeSuite suite) {
        CipherPair pair = ciphers(suite);
        byte[] inner = randomBytes(3000);
        IkeHeader header = authRequest(7);
        List<byte[]> fragments = new Fragmenter(FragmentSize.DEFAULT)
                .fragment(header, PayloadType.IDI, inner, 0, inner.length, pair.sender());
        int capacity = Fragmenter.chunkCapacity(pair.sender(), 1228);
        assertEquals((3000 + capacity - 1) / capacity, fragments.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < fragments.size(); i++) {
            byte[] fragment = fragments.get(i);
            assertTrue(fragment.length <= 1228, "fragment " + (i + 1) + " has " + fragment.length + " octets");
            if (i < fragments.size() - 1) {
                // Filled in order: only the last one is short, and a full one is within a CBC block of the limit.
                assertTrue(fragment.length > 1228 - 16, "fragment " + (i + 1) + " is only " + fragment.length);
            }
            DecodeResult.Ok ok = decode(fragment);
            IkeHeader got = ok.message().header();
            assertEquals(7, got.messageId());
            assertEquals(header.initiatorSpi(), got.initiatorSpi());
            assertEquals(header.responderSpi(), got.responderSpi());
            assertEquals(ExchangeType.IKE_AUTH, got.exchangeType());
            assertEquals(header.flags(), got.flags());
            assertEquals(PayloadType.SKF, got.nextPayload());
            assertEquals(1, ok.message().payloads().size());
            SkfPayload skf = (SkfPayload) ok.message().payloads().getFirst();
            assertEquals(i + 1, skf.fragmentNumber());
            assertEquals(fragments.size(), skf.totalFragments());
            assertEquals(i == 0 ? PayloadType.IDI : PayloadType.NONE, skf.firstInnerType());
            byte[] part = assertInstanceOf(DecryptResult.Ok.class, pair.receiver().decrypt(fragment, 0,
                    fragment.length - skf.body().length(), fragment.length)).plaintext();
            joined.writeBytes(part);
        }
        assertArrayEquals(inner, joined.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7383 §2.5.1: content lengths around the fragment capacity give 1 or 2 fragments, each within the limit")
    void boundaries(IkeSuite suite) {
        CipherPair pair = ciphers(suite);
        int limit = 600;
        int capacity = Fragmenter.chunkCapacity(pair.sender(), limit);
        // One more octet no longer fits: the capacity is exact.
        assertTrue(Fragmenter.SKF_PREFIX + pair.sender().bodyLength(capacity) <= limit);
        assertTrue(Fragmenter.SKF_PREFIX + pair.sender().bodyLength(capacity + 1) > limit);
        int[][] cases = {{1, 1}, {capacity - 1, 1}, {capacity, 1}, {capacity + 1, 2}, {2 * capacity, 2},
            {2 * capacity + 1, 3}};
        for (int[] c : cases) {
            byte[] inner = randomBytes(c[0]);
            List<byte[]> fragments = Fragmenter.fragment(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                    pair.sender(), limit);
            assertEquals(c[1], fragments.size(), c[0] + " octets");
            for (byte[] f : fragments) {
                assertTrue(f.length <= limit, c[0] + " octets gave a fragment of " + f.length);
            }
        }
    }

    @Test
    @DisplayName("RFC 7383 §2.5.2: a retransmission with a smaller limit yields more, smaller fragments")
    void smallerLimitOnRetransmission() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        byte[] inner = randomBytes(2000);
        int atDefault = new Fragmenter(FragmentSize.DEFAULT).fragment(authRequest(1), PayloadType.IDI, inner, 0,
                inner.length, pair.sender()).size();
        List<byte[]> smaller = Fragmenter.fragment(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                pair.sender(), FragmentSize.ipv4(576, true).ikeMessageLimit());
        assertEquals(2, atDefault);
        // 544 - 28 - 8 - (8 + 1 + 16) = 483 content octets per fragment: 2000 octets need 5.
        assertEquals(5, smaller.size());
        smaller.forEach(f -> assertTrue(f.length <= 544));
    }

    @Test
    @DisplayName("RFC 7383 §2.5: IKE_SA_INIT is never fragmented; a limit with no room for content is refused")
    void refusals() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        IkeHeader init = IkeHeader.of(1, 0, ExchangeType.IKE_SA_INIT, true, false, 0);
        byte[] inner = randomBytes(2000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fragmenter.fragment(
                init, PayloadType.SA, inner, 0, inner.length, pair.sender(), 1228));
        assertTrue(e.getMessage().contains("IKE_SA_INIT"));
        assertThrows(IllegalArgumentException.class, () -> Fragmenter.fragment(authRequest(1), PayloadType.IDI,
                inner, 0, inner.length, pair.sender(), Fragmenter.SKF_PREFIX + 25));
        assertThrows(IllegalArgumentException.class, () -> Fragmenter.fragment(authRequest(1), PayloadType.NONE,
                inner, 0, inner.length, pair.sender(), 1228));
    }

    @Test
    @DisplayName("RFC 7383 §2.5: fragmenting reads only the given slice of the buffer")
    void offsetSlice() {
        CipherPair pair = ciphers(FragmentFixtures.cbc256());
        byte[] buffer = randomBytes(1500);
        List<byte[]> fragments = Fragmenter.fragment(authRequest(3), PayloadType.IDI, buffer, 100, 1300,
                pair.sender(), 700);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] f : fragments) {
            SkfPayload skf = (SkfPayload) decode(f).message().payloads().getFirst();
            joined.writeBytes(assertInstanceOf(DecryptResult.Ok.class,
                    pair.receiver().decrypt(f, 0, f.length - skf.body().length(), f.length)).plaintext());
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(buffer, 100, 1400), joined.toByteArray());
    }

    @Test
    @DisplayName("RFC 7383 §2.5: a message that fits one datagram is reported as such and needs no fragments")
    void fitsUnfragmented() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        Fragmenter fragmenter = new Fragmenter(FragmentSize.DEFAULT);
        // 28 + 4 + 8 + n + 1 + 16 <= 1228 for n <= 1171 (RFC 5282 §3: 8-octet IV, 16-octet ICV).
        assertTrue(fragmenter.fitsUnfragmented(1171, pair.sender()));
        assertFalse(fragmenter.fitsUnfragmented(1172, pair.sender()));
        byte[] whole = Fragmenter.protectUnfragmented(authRequest(1), PayloadType.IDI, new byte[1171], 0, 1171,
                pair.sender());
        assertEquals(1228, whole.length);
    }
}
