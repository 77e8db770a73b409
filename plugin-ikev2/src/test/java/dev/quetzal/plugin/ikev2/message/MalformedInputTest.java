package dev.quetzal.plugin.ikev2.message;

import static dev.quetzal.plugin.ikev2.message.Samples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 §2.21 and §3.2: malformed messages give a typed error (INVALID_SYNTAX, or a silent drop), never an
 * exception: lying length fields, chains that overrun or loop, zero-length payloads, the critical bit.
 */
final class MalformedInputTest {
    private static final int LENGTH_OFFSET = 24;

    /** A header (IKE_AUTH request, message ID 1) followed by {@code chainHex}, length field filled in. */
    static byte[] message(int firstType, String chainHex) {
        byte[] chain = hex(chainHex);
        ByteBuffer out = ByteBuffer.allocate(IkeHeader.SIZE + chain.length);
        Samples.authHeader().withChain(firstType, IkeHeader.SIZE + chain.length).encode(out);
        out.put(chain);
        return out.array();
    }

    static DecodeResult.Error syntaxError(byte[] message) {
        DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class, IkeMessage.decode(message));
        assertEquals(NotifyType.INVALID_SYNTAX, error.notifyType(), error.reason());
        assertEquals(DecodeResult.Stage.BEFORE_SK, error.stage());
        assertTrue(error.header().isPresent());
        assertFalse(error.reason().isBlank());
        return error;
    }

    static IkeMessage ok(byte[] message) {
        return assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(message)).message();
    }

    @Test
    @DisplayName("RFC 7296 §3.1: every truncated prefix of valid messages is an error, with or without the length field fixed")
    void everyTruncatedPrefix() {
        for (byte[] valid : Samples.validMessages()) {
            for (int size = 0; size < valid.length; size++) {
                byte[] prefix = Arrays.copyOf(valid, size);
                assertInstanceOf(DecodeResult.Error.class, IkeMessage.decode(prefix), "prefix " + size);
                if (size >= IkeHeader.SIZE) {
                    ByteBuffer.wrap(prefix).putInt(LENGTH_OFFSET, size);
                    syntaxError(prefix);
                }
            }
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.14: every truncated prefix of decrypted IKE_AUTH content is an INSIDE_SK error")
    void everyTruncatedInnerPrefix() {
        byte[] plaintext = PayloadChain.encode(Samples.strongSwanAuthInner());
        for (int size = 0; size < plaintext.length; size++) {
            DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class, IkeMessage.decodeInner(
                    Samples.authHeader(), PayloadType.IDI, plaintext, 0, size, Octets.EMPTY), "prefix " + size);
            assertEquals(DecodeResult.Stage.INSIDE_SK, error.stage());
            assertEquals(NotifyType.INVALID_SYNTAX, error.notifyType());
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.2: a payload length below 4, past the end, or too small for its body")
    void payloadLengthLies() {
        for (String length : List.of("0000", "0001", "0003")) {
            syntaxError(message(PayloadType.VENDOR_ID, "00 00 " + length + " aabbccdd"));
        }
        syntaxError(message(PayloadType.VENDOR_ID, "00 00 0009 aabbccdd"));
        syntaxError(message(PayloadType.VENDOR_ID, "00 00 ffff aabbccdd"));
        // Too small: the nonce keeps 12 bytes (too few), or the rest of its body is read as a header.
        syntaxError(message(PayloadType.NONCE, "00 00 0010" + "11".repeat(16)));
        syntaxError(message(PayloadType.NONCE, "00 00 0014" + "00".repeat(16) + "00 00 0004"));
        syntaxError(message(PayloadType.KE, "00 00 0006 0013 0000"));
    }

    @Test
    @DisplayName("RFC 7296 §3.2: a chain that names a next payload with no bytes left, or leaves bytes after the last")
    void chainOverrunsAndTrailingBytes() {
        DecodeResult.Error missing = syntaxError(message(PayloadType.VENDOR_ID, "2b 00 0005 aa"));
        assertTrue(missing.reason().contains("V: generic header"), missing.reason());
        syntaxError(message(PayloadType.VENDOR_ID, "00 00 0005 aa 00 00"));
        syntaxError(message(PayloadType.VENDOR_ID, "00 00 0005 aa 2b 00 0004"));
        syntaxError(message(PayloadType.NOTIFY, "29 00 0008 00 00 4000 29 00"));
    }

    @Test
    @DisplayName("RFC 7296 §3.2: next-payload fields that cycle still consume 4 bytes each, so decoding ends")
    void chainLoopsTerminate() {
        String emptyVid = "2b 00 0004 ";
        IkeMessage thousand = ok(message(PayloadType.VENDOR_ID, emptyVid.repeat(999) + "00 00 0004"));
        assertEquals(1000, thousand.payloads().size());
        syntaxError(message(PayloadType.VENDOR_ID, emptyVid.repeat(1000)));
        // A pair pointing at each other: V -> N -> V -> N ... with no end marker.
        syntaxError(message(PayloadType.VENDOR_ID, ("29 00 0004 2b 00 0008 00 00 4000 ").repeat(50)));
    }

    @Test
    @DisplayName("RFC 7296 §3.3-§3.16: a payload with an empty body (length 4) is an error exactly where the RFC needs content")
    void zeroLengthPayloads() {
        Map<Integer, Boolean> acceptable = Map.ofEntries(Map.entry(PayloadType.SA, false), Map.entry(PayloadType.KE, false),
                Map.entry(PayloadType.IDI, false), Map.entry(PayloadType.IDR, false), Map.entry(PayloadType.CERT, false),
                Map.entry(PayloadType.CERTREQ, false), Map.entry(PayloadType.AUTH, false), Map.entry(PayloadType.NONCE, false),
                Map.entry(PayloadType.NOTIFY, false), Map.entry(PayloadType.DELETE, false),
                Map.entry(PayloadType.VENDOR_ID, true), Map.entry(PayloadType.TSI, false), Map.entry(PayloadType.TSR, false),
                Map.entry(PayloadType.SK, true), Map.entry(PayloadType.SKF, false), Map.entry(PayloadType.CP, false),
                Map.entry(PayloadType.EAP, true), Map.entry(99, true));
        acceptable.forEach((type, accepted) -> {
            DecodeResult result = IkeMessage.decode(message(type, "00 00 0004"));
            assertEquals(accepted, result instanceof DecodeResult.Ok, PayloadType.name(type) + ": " + result);
        });
    }

    @Test
    @DisplayName("RFC 7296 §2.5: unknown payloads keep their critical bit; the bit is ignored on known ones")
    void criticalBit() {
        IkeMessage critical = ok(message(PayloadType.NOTIFY, "c8 00 0008 00 00 4000 00 80 0006 abcd"));
        assertEquals(new UnsupportedPayload(200, true, Octets.fromHex("abcd")), critical.payloads().get(1));
        assertEquals(200, critical.unsupportedCriticalType().orElseThrow());

        IkeMessage skipped = ok(message(200, "00 7f 0004"));
        assertFalse(skipped.payloads().getFirst().critical());
        assertTrue(skipped.unsupportedCriticalType().isEmpty());

        IkeMessage known = ok(message(PayloadType.VENDOR_ID, "00 80 0005 aa"));
        assertEquals(new VendorIdPayload(Octets.fromHex("aa")), known.payloads().getFirst());
        assertFalse(known.payloads().getFirst().critical());
    }

    @Test
    @DisplayName("RFC 7296 §3.14, RFC 7383 §2.5: SK/SKF must be last and never inside SK; bad fragment numbers are dropped")
    void encryptedEnvelopes() {
        syntaxError(message(PayloadType.SK, "29 00 0006 eeee 00 00 0008 00 00 4000"));
        syntaxError(message(PayloadType.SKF, "29 00 000a 0001 0001 eeee 00 00 0008 00 00 4000"));
        for (String numbers : List.of("0000 0002", "0003 0002", "0001 0000")) {
            DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class,
                    IkeMessage.decode(message(PayloadType.SKF, "29 00 0009 " + numbers + " ee")));
            assertFalse(error.shouldReply(), numbers);
        }
        SkfPayload fragment = (SkfPayload) ok(message(PayloadType.SKF, "00 00 0009 0002 0002 ee")).payloads().getFirst();
        assertEquals(2, fragment.fragmentNumber());
        assertEquals(2, fragment.totalFragments());

        byte[] nested = hex("2e 00 0008 00 00 4000 00 00 0006 eeee");
        DecodeResult.Error inside = assertInstanceOf(DecodeResult.Error.class,
                IkeMessage.decodeInner(Samples.authHeader(), PayloadType.NOTIFY, nested, 0, nested.length, Octets.EMPTY));
        assertEquals(DecodeResult.Stage.INSIDE_SK, inside.stage());
        assertEquals(NotifyType.INVALID_SYNTAX, inside.notifyType());

        IkeMessage plain = ok(message(PayloadType.VENDOR_ID, "00 00 0005 aa"));
        DecodeResult.Error noSk = assertInstanceOf(DecodeResult.Error.class,
                IkeMessage.decodeInner(new DecodeResult.Ok(plain, Octets.EMPTY), new byte[0], 0, 0));
        assertFalse(noSk.shouldReply());
    }

    @Test
    @DisplayName("RFC 7296 §3.3.1-§3.3.5: broken proposal and transform substructures")
    void brokenSaSubstructures() {
        String transform = "00 00 0008 04 00 0013";
        String proposal = "00 00 0010 01 01 00 01 " + transform;
        ok(message(PayloadType.SA, "00 00 0014 " + proposal));
        syntaxError(message(PayloadType.SA, "00 00 0014 05 00 0010 01 01 00 01 " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0014 02 00 0010 01 01 00 01 " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0014 00 00 0010 01 01 00 02 " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0014 00 00 0010 01 01 00 01 03 00 0008 04 00 0013"));
        syntaxError(message(PayloadType.SA, "00 00 0014 00 00 0007 01 01 00 01 " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0014 00 00 0011 01 01 00 01 " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0014 00 00 0010 01 01 00 01 00 00 0007 04 00 0013"));
        // SPI size 3 for ESP, 4 for IKE.
        syntaxError(message(PayloadType.SA, "00 00 0017 00 00 0013 01 03 03 01 aabbcc " + transform));
        syntaxError(message(PayloadType.SA, "00 00 0018 00 00 0014 01 01 04 01 aabbccdd " + transform));
        // Proposal numbers must rise by one.
        syntaxError(message(PayloadType.SA, "00 00 0024 02 00 0010 01 01 00 01 " + transform
                + " 00 00 0010 03 01 00 01 " + transform));
        // A TLV attribute running past its transform.
        syntaxError(message(PayloadType.SA, "00 00 0018 00 00 0014 01 01 00 01 00 00 000c 01 00 0014 0064 0009"));
        syntaxError(message(PayloadType.SA, "00 00 0016 00 00 0012 01 01 00 01 00 00 000a 01 00 0014 800e"));
    }

    @Test
    @DisplayName("RFC 7296 §3.5-§3.15: field-level limits of the other payloads")
    void otherPayloadLimits() {
        syntaxError(message(PayloadType.NONCE, "00 00 0013" + "11".repeat(15)));
        syntaxError(message(PayloadType.NONCE, "00 00 0105" + "11".repeat(257)));
        syntaxError(message(PayloadType.IDI, "00 00 000b 01 000000 c61200"));
        syntaxError(message(PayloadType.CERTREQ, "00 00 001a 04" + "ab".repeat(21)));
        syntaxError(message(PayloadType.DELETE, "00 00 000c 03 04 0002 c0ffee01"));
        syntaxError(message(PayloadType.DELETE, "00 00 000c 01 04 0001 c0ffee01"));
        syntaxError(message(PayloadType.NOTIFY, "00 00 000a 03 04 4009 c0ff"));
        syntaxError(message(PayloadType.TSI, "00 00 0018 02 000000 07 00 0010 0000 ffff c6120100 c61201ff"));
        syntaxError(message(PayloadType.TSI, "00 00 0018 01 000000 07 00 0014 0000 ffff c6120100 c61201ff"));
        syntaxError(message(PayloadType.TSI, "00 00 000c 01 000000 0a 00 0002"));
        // Selector lengths that fit the payload but not the IPv4 range layout (RFC 7296 §3.13.1: 16 bytes).
        syntaxError(message(PayloadType.TSI, "00 00 001c 01 000000 07 00 0014 0000 ffff c6120100 c61201ff 00000000"));
        syntaxError(message(PayloadType.TSI, "00 00 0014 01 000000 07 00 000c 0000 ffff c6120100"));
        syntaxError(message(PayloadType.TSI, "00 00 002c 01 000000 08 00 0024 0000 ffff" + "00".repeat(16) + "ff".repeat(12)));
        syntaxError(message(PayloadType.TSI, "00 00 001c 01 000000 07 00 0010 0000 ffff c6120100 c61201ff 00000000"));
        syntaxError(message(PayloadType.CP, "00 00 000f 02 000000 0001 0003 c61202"));
        syntaxError(message(PayloadType.CP, "00 00 000e 02 000000 0001 0004 c612"));
        TsPayload unknown = (TsPayload) ok(message(PayloadType.TSI, "00 00 000c 01 000000 0a 00 0004")).payloads().getFirst();
        assertEquals(new TrafficSelector.Unknown(10, 0, Octets.EMPTY), unknown.selectors().getFirst());
    }

    @Test
    @DisplayName("RFC 7296 §3.15.1: the reserved top bit of an attribute type is ignored")
    void cpReservedBit() {
        CpPayload cp = (CpPayload) ok(message(PayloadType.CP, "00 00 000c 01 000000 8001 0000")).payloads().getFirst();
        assertEquals(ConfigAttribute.request(ConfigAttribute.INTERNAL_IP4_ADDRESS), cp.attributes().getFirst());
    }

    @Test
    @DisplayName("RFC 7296 §3.2: error reasons are one line and carry no payload bytes")
    void reasonsAreOneLine() {
        DecodeResult.Error error = syntaxError(message(PayloadType.NONCE, "00 00 0013" + "5a".repeat(15)));
        assertFalse(error.reason().contains("\n"));
        assertFalse(error.reason().toLowerCase().contains(HexFormat.of().formatHex(new byte[] {0x5a, 0x5a, 0x5a})));
        assertTrue(error.toString().contains("INVALID_SYNTAX"), error.toString());
    }
}
