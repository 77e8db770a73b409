package dev.quetzal.plugin.ikev2.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SIGNATURE_HASH_ALGORITHMS notification data (RFC 7427 §4): two-octet hash identifiers. */
final class SignatureHashAlgorithmsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("RFC 7427 §4: we announce SHA2-512, SHA2-384, SHA2-256 (ids 4, 3, 2) and never SHA-1")
    void encodesOurList() {
        assertEquals("000400030002", HEX.formatHex(SignatureHashAlgorithms.encode(SignatureHashAlgorithms.SUPPORTED)));
        assertEquals(16431, SignatureHashAlgorithms.NOTIFY_TYPE);
    }

    @Test
    @DisplayName("RFC 7427 §4: a strongSwan-style list decodes in order, unknown ids kept")
    void decodesPeerList() {
        var decoded = assertInstanceOf(SignatureHashAlgorithms.Hashes.class,
                SignatureHashAlgorithms.decode(HEX.parseHex("00010002000300040005abcd")));
        assertEquals(List.of(SignatureHash.SHA1, SignatureHash.SHA2_256, SignatureHash.SHA2_384,
                SignatureHash.SHA2_512, SignatureHash.IDENTITY, SignatureHash.of(0xabcd)), decoded.hashes());
        assertEquals("HASH(43981)", decoded.hashes().getLast().toString());
    }

    @Test
    @DisplayName("RFC 7427 §4: empty data or an odd length is malformed")
    void rejectsBadLengths() {
        assertInstanceOf(SignatureHashAlgorithms.Malformed.class, SignatureHashAlgorithms.decode(new byte[0]));
        assertInstanceOf(SignatureHashAlgorithms.Malformed.class, SignatureHashAlgorithms.decode(new byte[] {0, 2, 0}));
    }
}
