package dev.quetzal.plugin.ikev2.fragment;

import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.authRequest;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ciphers;
import static dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.CipherPair;
import dev.quetzal.plugin.ikev2.fragment.FragmentFixtures.ManualClock;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * strongswan.md §2: with RSA-3072 certificates strongSwan 5.9.8's IKE_AUTH request is 1819 octets and goes as 2 IKE
 * fragments (RFC 7383) once the responder sent IKEV2_FRAGMENTATION_SUPPORTED. A message of the same payloads and
 * size, under AES-GCM-256 as in the interop recipe, must split the same way here and come back intact.
 */
final class StrongSwanFragmentationTest {
    /** IKE header, SK header, 8-octet IV, pad length octet, 16-octet ICV (RFC 7296 §3.14, RFC 5282 §3). */
    private static final int SK_OVERHEAD = 28 + 4 + 8 + 1 + 16;
    /** The same with the 4 extra octets of Fragment Number and Total Fragments (RFC 7383 §2.5). */
    private static final int SKF_OVERHEAD = SK_OVERHEAD + 4;

    /** The strongSwan payloads with the certificate sized so the unfragmented message is 1819 octets. */
    private static List<IkePayload> ikeAuth() {
        int withoutCertificate = FragmentFixtures.encode(FragmentFixtures.strongSwanAuthInner(0)).length;
        return FragmentFixtures.strongSwanAuthInner(1819 - SK_OVERHEAD - withoutCertificate);
    }

    @Test
    @DisplayName("strongswan.md §2, RFC 7383 §2.5.1: the 1819-octet RSA-3072 IKE_AUTH goes as 2 fragments of 1228 and 656 octets")
    void twoFragments() {
        CipherPair pair = ciphers(FragmentFixtures.gcm256());
        List<IkePayload> payloads = ikeAuth();
        byte[] inner = FragmentFixtures.encode(payloads);
        // The certificate is as long as a real RSA-3072 one (about 1 KiB of DER).
        int certificate = inner.length - FragmentFixtures.encode(FragmentFixtures.strongSwanAuthInner(0)).length;
        assertTrue(certificate > 900 && certificate < 1200, "certificate of " + certificate + " octets");
        byte[] whole = Fragmenter.protectUnfragmented(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                pair.sender());
        assertEquals(1819, whole.length);

        Fragmenter fragmenter = new Fragmenter(FragmentSize.DEFAULT);
        assertFalse(fragmenter.fitsUnfragmented(inner.length, pair.sender()));
        List<byte[]> fragments = fragmenter.fragment(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                pair.sender());
        assertEquals(2, fragments.size());
        // Fragment 1 is filled to the 1228-octet limit: 1228 - 61 = 1167 octets of content; 1762 - 1167 = 595 remain.
        assertEquals(1228, fragments.get(0).length);
        assertEquals(1819 - SK_OVERHEAD - (1228 - SKF_OVERHEAD) + SKF_OVERHEAD, fragments.get(1).length);
        assertEquals(656, fragments.get(1).length);
        // On strongSwan's own IPv4 default (1280-octet datagram, marker) it is 2 fragments as well.
        assertEquals(2, Fragmenter.fragment(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                pair.sender(), FragmentSize.ipv4(1280, true).ikeMessageLimit()).size());
        // The RFC 7383 §2.5.1 IPv4 minimum of 576 octets needs 4.
        assertEquals(4, Fragmenter.fragment(authRequest(1), PayloadType.IDI, inner, 0, inner.length,
                pair.sender(), FragmentSize.ipv4(576, true).ikeMessageLimit()).size());

        Reassembler reassembler = new Reassembler(pair.receiver(), ReassemblyLimits.DEFAULT, new ManualClock());
        assertInstanceOf(ReassemblyResult.Incomplete.class, reassembler.accept(decode(fragments.get(1))));
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(fragments.get(0))));
        assertEquals(payloads, assertInstanceOf(DecodeResult.Ok.class, complete.decode()).message().payloads());
    }

    @Test
    @DisplayName("strongswan.md §2 with AES-CBC-256 + HMAC-SHA2-256-128 (RFC 7296 §3.14): still 2 fragments, each within 1228 octets")
    void twoFragmentsCbc() {
        CipherPair pair = ciphers(FragmentFixtures.cbc256());
        List<IkePayload> payloads = ikeAuth();
        byte[] inner = FragmentFixtures.encode(payloads);
        List<byte[]> fragments = new Fragmenter(FragmentSize.DEFAULT).fragment(authRequest(1), PayloadType.IDI,
                inner, 0, inner.length, pair.sender());
        assertEquals(2, fragments.size());
        fragments.forEach(f -> assertTrue(f.length <= 1228, f.length + " octets"));
        Reassembler reassembler = new Reassembler(pair.receiver(), ReassemblyLimits.DEFAULT, new ManualClock());
        reassembler.accept(decode(fragments.get(0)));
        ReassemblyResult.Complete complete = assertInstanceOf(ReassemblyResult.Complete.class,
                reassembler.accept(decode(fragments.get(1))));
        assertEquals(payloads, assertInstanceOf(DecodeResult.Ok.class, complete.decode()).message().payloads());
    }
}
