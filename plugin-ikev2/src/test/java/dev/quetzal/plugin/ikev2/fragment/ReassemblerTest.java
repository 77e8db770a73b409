package dev.quetzal.plugin.ikev2.fragment;

import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.authRequest;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ciphers;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.decode;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.informationalResponse;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.CipherPair;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ManualClock;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7383 §2.6 (receiving), §2.6.1 (per message), §5 (resource limits). */
final class ReassemblerTest {
    private final ManualClock clock = new ManualClock();

    private static List<byte[]> split(CipherPair pair, IkeHeader header, byte[] inner, int limit) {
        return Fragmenter.fragment(header, PayloadType.IDI, inner, 0, inner.length, pair.sender(), limit);
    }

    private Reassembler reassembler(CipherPair pair, ReassemblyLimits limits) {
        return new Reassembler(pair.receiver(), limits, clock);
    }

    private static ReassemblyResult.Rejected rejected(ReassemblyResult result, FragmentDropReason reason) {
        ReassemblyResult.Rejected rejected = assertInstanceOf(ReassemblyResult.Rejected.class, result);
        assertEquals(reason, rejected.reason(), rejected.detail());
        return rejected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.quetzal.plugin.ikev2.testing.IkeSuites#everyCipherShape")
    @DisplayName("RFC 7383 §2.6: fragments in shuffled order reassemble to the original content, for every suite")
    void roundTripAnyOrder(IkeSuite suite) {
        CipherPair pair = ciphers(suite);
        Random shuffle = new Random(suite.hashCode());
        for (int length : new int[] {1, 499, 500, 501, 4000, 15000}) {
            byte[] inner = randomBytes(length);
            List<byte[]> fragments = new ArrayList<>(split(pair, authRequest(length), inner, 600));
            List<byte[]> sent = List.copyOf(fragments);
            Collections.shuffle(fragments, shuffle);
            Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
            ReassemblyResult last = null;
            for (int i = 0; i < fragments.size(); i++) {
                last = reassembler.accept(decode(fragments.get(i)));
                if (i < fragments.size() - 1) {
                    ReassemblyResult.Incomplete incomplete = assertInstanceOf(ReassemblyResult.Incomplete.class, last);
                    assertEquals(i + 1, incomplete.received());
                    assertEquals(fragments.size(), incomplete.total());
                }
            }
            ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class, last);
            assertArrayEquals(inner, complete.content().toByteArray(), length + " octets");
            assertEquals(PayloadType.IDI, complete.firstInnerType());
            assertEquals(length, complete.header().messageId());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(Octets.of(sent.get(i)), complete.rawFragments().get(i), "raw fragment " + (i + 1));
            }
            assertEquals(0, reassembler.pending());
        }
    }

    @Test
    @DisplayName("RFC 7383 §2.6: a duplicate fragment is ignored and counted; the message still completes once")
    void duplicates() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<byte[]> fragments = split(pair, authRequest(1), randomBytes(1500), 600);
        assertEquals(3, fragments.size());
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(1))));
        rejected(reassembler.accept(decode(fragments.get(1))), FragmentDropReason.DUPLICATE);
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(0))));
        rejected(reassembler.accept(decode(fragments.get(0))), FragmentDropReason.DUPLICATE);
        assertInstanceOf(ReassemblyResult.Complete.class, reassembler.accept(decode(fragments.get(2))));
        assertEquals(2, reassembler.drops(FragmentDropReason.DUPLICATE));
    }

    @Test
    @DisplayName("RFC 7383 §2.6: a fragment failing its integrity check is discarded; the authentic copy later completes the message")
    void corruptFragmentDiscarded() {
        CipherPair pair = ciphers(FragmentFixtures.cbc256());
        byte[] inner = randomBytes(1500);
        List<byte[]> fragments = split(pair, authRequest(1), inner, 600);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(0))));
        byte[] corrupt = fragments.get(1).clone();
        corrupt[corrupt.length - 30] ^= 0x01;
        rejected(reassembler.accept(decode(corrupt)), FragmentDropReason.INTEGRITY_FAILURE);
        // The authenticated SKF header too: a changed Total Fragments is caught by the ICV, not trusted.
        byte[] retotaled = fragments.get(1).clone();
        retotaled[IkeHeader.SIZE + 7] = 9;
        rejected(reassembler.accept(decode(retotaled)), FragmentDropReason.INTEGRITY_FAILURE);
        assertEquals(1, reassembler.pending());
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(1))));
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(fragments.get(2))));
        assertArrayEquals(inner, complete.content().toByteArray());
        assertEquals(2, reassembler.drops(FragmentDropReason.INTEGRITY_FAILURE));
    }

    @Test
    @DisplayName("RFC 7383 §2.6: a corrupt first fragment creates no state")
    void corruptFirstFragmentLeavesNothing() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        byte[] fragment = split(pair, authRequest(1), randomBytes(1500), 600).getFirst().clone();
        fragment[fragment.length - 1] ^= (byte) 0x80;
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        rejected(reassembler.accept(decode(fragment)), FragmentDropReason.INTEGRITY_FAILURE);
        assertEquals(0, reassembler.pending());
    }

    @Test
    @DisplayName("RFC 7383 §2.6 and §2.5.2: a larger Total Fragments restarts collection; a smaller one is stale")
    void totalChanges() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        byte[] inner = randomBytes(1500);
        List<byte[]> large = split(pair, authRequest(5), inner, 1228);
        List<byte[]> small = split(pair, authRequest(5), inner, 544);
        assertEquals(2, large.size());
        assertEquals(4, small.size());
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(large.get(0))));
        // The sender re-fragmented smaller: what was collected is dropped and collection starts over.
        ReassemblyResult.Incomplete restarted = assertInstanceOf(ReassemblyResult.Incomplete.class,
                reassembler.accept(decode(small.get(2))));
        assertEquals(1, restarted.received());
        assertEquals(4, restarted.total());
        rejected(reassembler.accept(decode(large.get(1))), FragmentDropReason.STALE_TOTAL);
        rejected(reassembler.accept(decode(large.get(0))), FragmentDropReason.STALE_TOTAL);
        reassembler.accept(decode(small.get(0)));
        reassembler.accept(decode(small.get(3)));
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(small.get(1))));
        assertArrayEquals(inner, complete.content().toByteArray());
    }

    @Test
    @DisplayName("RFC 7383 §2.6: a forged fragment with a larger total does not discard what was collected")
    void forgedLargerTotalKeepsState() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        CipherPair attacker = ciphers(FragmentFixtures.gcm256());
        byte[] inner = randomBytes(1500);
        List<byte[]> genuine = split(pair, authRequest(5), inner, 1228);
        List<byte[]> forged = split(attacker, authRequest(5), randomBytes(1500), 544);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        reassembler.accept(decode(genuine.get(0)));
        rejected(reassembler.accept(decode(forged.get(1))), FragmentDropReason.INTEGRITY_FAILURE);
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(genuine.get(1))));
        assertArrayEquals(inner, complete.content().toByteArray());
    }

    @Test
    @DisplayName("RFC 7296 §2.2 with RFC 7383 §2.6: a request and a response with the same message ID are kept apart")
    void requestsAndResponsesApart() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        byte[] request = randomBytes(900);
        byte[] response = randomBytes(900);
        List<byte[]> a = split(pair, authRequest(2), request, 600);
        List<byte[]> b = split(pair, informationalResponse(2), response, 600);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        reassembler.accept(decode(a.get(0)));
        reassembler.accept(decode(b.get(1)));
        assertEquals(2, reassembler.pending());
        ReassemblyResult.Complete r1 = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(b.get(0))));
        ReassemblyResult.Complete r2 = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(a.get(1))));
        assertArrayEquals(response, r1.content().toByteArray());
        assertTrue(r1.header().response());
        assertArrayEquals(request, r2.content().toByteArray());
    }

    @Test
    @DisplayName("RFC 7383 §2.6: a fragment whose exchange type differs from the message's earlier fragments is dropped")
    void headerMismatch() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        byte[] inner = randomBytes(900);
        List<byte[]> auth = split(pair, authRequest(3), inner, 600);
        IkeHeader other = IkeHeader.of(0x1f2e3d4c5b6a7988L, 0x0102030405060708L, ExchangeType.CREATE_CHILD_SA,
                true, false, 3);
        List<byte[]> child = split(pair, other, inner, 600);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        reassembler.accept(decode(auth.get(0)));
        rejected(reassembler.accept(decode(child.get(1))), FragmentDropReason.HEADER_MISMATCH);
        assertInstanceOf(ReassemblyResult.Complete.class, reassembler.accept(decode(auth.get(1))));
    }

    @Test
    @DisplayName("RFC 7383 §2.5: a message without SKF, or an IKE_SA_INIT carrying SKF, is not a fragment to collect")
    void notFragments() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        byte[] sk = new IkeMessage(authRequest(1), new SkPayload(PayloadType.IDI, Octets.of(new byte[40]))).encode();
        rejected(reassembler.accept(decode(sk)), FragmentDropReason.NOT_A_FRAGMENT);
        IkeHeader init = IkeHeader.of(1, 0, ExchangeType.IKE_SA_INIT, true, false, 0);
        byte[] initFragment = new IkeMessage(init, new dev.quetzal.plugin.ikev2.message.SkfPayload(PayloadType.SA,
                1, 2, Octets.of(new byte[40]))).encode();
        rejected(reassembler.accept(decode(initFragment)), FragmentDropReason.UNPROTECTED_EXCHANGE);
        assertEquals(0, reassembler.pending());
    }

    @Test
    @DisplayName("RFC 7383 §5: Total Fragments above the limit is dropped before any decryption")
    void tooManyFragments() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<byte[]> fragments = split(pair, authRequest(1), randomBytes(5000), 300);
        assertTrue(fragments.size() > 8);
        Reassembler reassembler = reassembler(pair, new ReassemblyLimits(8, 65536, 4, Duration.ofSeconds(30)));
        rejected(reassembler.accept(decode(fragments.get(0))), FragmentDropReason.TOO_MANY_FRAGMENTS);
        assertEquals(0, reassembler.pending());
    }

    @Test
    @DisplayName("RFC 7383 §5: a message growing past the byte limit is given up entirely")
    void tooLarge() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<byte[]> fragments = split(pair, authRequest(1), randomBytes(3000), 1228);
        assertEquals(3, fragments.size());
        Reassembler reassembler = reassembler(pair, new ReassemblyLimits(32, 2500, 4, Duration.ofSeconds(30)));
        reassembler.accept(decode(fragments.get(0)));
        reassembler.accept(decode(fragments.get(1)));
        rejected(reassembler.accept(decode(fragments.get(2))), FragmentDropReason.TOO_LARGE);
        assertEquals(0, reassembler.pending());
        // A single fragment larger than the whole limit never gets as far as decryption.
        Reassembler tiny = reassembler(pair, new ReassemblyLimits(32, 1000, 4, Duration.ofSeconds(30)));
        rejected(tiny.accept(decode(fragments.get(0))), FragmentDropReason.TOO_LARGE);
        assertEquals(0, tiny.pending());
    }

    @Test
    @DisplayName("RFC 7383 §5: beyond the concurrent limit the oldest incomplete message is evicted")
    void concurrentLimit() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        Reassembler reassembler = reassembler(pair, new ReassemblyLimits(32, 65536, 2, Duration.ofSeconds(30)));
        List<List<byte[]>> messages = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            messages.add(split(pair, authRequest(id), randomBytes(900), 600));
            reassembler.accept(decode(messages.getLast().get(0)));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(2, reassembler.pending());
        assertEquals(1, reassembler.evicted());
        // Message 1 was evicted: its second fragment starts a new, incomplete collection (evicting message 2).
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(messages.get(0).get(1))));
        assertInstanceOf(ReassemblyResult.Complete.class, reassembler.accept(decode(messages.get(2).get(1))));
        assertEquals(2, reassembler.evicted());
    }

    @Test
    @DisplayName("RFC 7383 §2.6: an incomplete message is given up after the timeout, measured by the injected clock")
    void timeout() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<byte[]> fragments = split(pair, authRequest(1), randomBytes(1500), 600);
        Reassembler reassembler = reassembler(pair, new ReassemblyLimits(32, 65536, 4, Duration.ofSeconds(10)));
        reassembler.accept(decode(fragments.get(0)));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, reassembler.expire());
        reassembler.accept(decode(fragments.get(1)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, reassembler.expire());
        assertEquals(0, reassembler.pending());
        assertEquals(1, reassembler.expired());
        // The last fragment alone now begins a new collection rather than completing a stale one.
        ReassemblyResult.Incomplete again = assertInstanceOf(ReassemblyResult.Incomplete.class,
                reassembler.accept(decode(fragments.get(2))));
        assertEquals(1, again.received());
    }

    @Test
    @DisplayName("RFC 7383 §2.6.1: discard forgets a message whose ID the window no longer accepts")
    void discard() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<byte[]> fragments = split(pair, authRequest(4), randomBytes(900), 600);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        reassembler.accept(decode(fragments.get(0)));
        assertTrue(reassembler.discard(4, false));
        assertEquals(0, reassembler.pending());
        assertEquals(false, reassembler.discard(4, false));
    }

    @Test
    @DisplayName("RFC 7383 §2.6 / RFC 7296 §3.14: the reassembled chain decodes as if it had come in one SK payload")
    void decodesInnerChain() {
        CipherPair pair = ciphers(FragmentFixtures.cbc256());
        var inner = FragmentFixtures.strongSwanAuthInner(1000);
        byte[] encoded = FragmentFixtures.encode(inner);
        List<byte[]> fragments = split(pair, authRequest(1), encoded, 1228);
        Reassembler reassembler = reassembler(pair, ReassemblyLimits.DEFAULT);
        ReassemblyResult result = null;
        for (byte[] f : fragments) {
            result = reassembler.accept(decode(f));
        }
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class, result);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, complete.decode());
        assertEquals(inner, ok.message().payloads());
        assertEquals(ExchangeType.IKE_AUTH, ok.message().header().exchangeType());
        assertEquals(Octets.of(fragments.getFirst()), ok.raw());
        assertTrue(complete.toString().contains("octets"));
    }
}
