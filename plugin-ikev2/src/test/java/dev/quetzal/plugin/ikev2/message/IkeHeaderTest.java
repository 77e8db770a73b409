package dev.quetzal.plugin.ikev2.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7296 §3.1: the IKE header, parsed first and validated as a separate step. */
final class IkeHeaderTest {
    private static final int VERSION_OFFSET = 17;
    private static final int LENGTH_OFFSET = 24;

    @Test
    @DisplayName("RFC 7296 §3.1: every header field of strongSwan's IKE_SA_INIT")
    void parsesEveryField() {
        byte[] init = Samples.strongSwanInit();
        IkeHeader header = IkeHeader.parse(init, 0, init.length).orElseThrow();
        assertEquals(0x1f2e3d4c5b6a7988L, header.initiatorSpi());
        assertEquals(0, header.responderSpi());
        assertEquals(PayloadType.SA, header.nextPayload());
        assertEquals(2, header.majorVersion());
        assertEquals(0, header.minorVersion());
        assertEquals(ExchangeType.IKE_SA_INIT, header.exchangeType());
        assertTrue(header.initiator());
        assertFalse(header.response());
        assertFalse(header.higherVersion());
        assertEquals(0, header.messageId());
        assertEquals(308, header.length());
        assertTrue(header.validate(init.length).isEmpty());
    }

    @Test
    @DisplayName("RFC 7296 §3.1: flags R and V, unsigned message ID and unknown exchange type survive a round trip")
    void roundTripsFlagsAndLargeNumbers() {
        IkeHeader header = new IkeHeader(-1L, 0x8000000000000000L, 0, 2, 0, 99,
                IkeHeader.FLAG_RESPONSE | IkeHeader.FLAG_VERSION, 0xFFFF_FFFFL, 28);
        byte[] bytes = new IkeMessage(header).encode();
        assertEquals(28, bytes.length);
        IkeHeader back = IkeHeader.parse(bytes, 0, bytes.length).orElseThrow();
        assertEquals(header, back);
        assertTrue(back.response());
        assertTrue(back.higherVersion());
        assertFalse(back.initiator());
        assertEquals("exchange 99", ExchangeType.name(back.exchangeType()));
    }

    @Test
    @DisplayName("RFC 7296 §2.5: a higher major version gets INVALID_MAJOR_VERSION, IKEv1 is dropped, minor versions are ignored")
    void validatesVersionSeparately() {
        byte[] init = Samples.strongSwanInit();
        init[VERSION_OFFSET] = 0x30;
        DecodeResult.Error higher = assertInstanceOf(DecodeResult.Error.class, IkeMessage.decode(init));
        assertEquals(NotifyType.INVALID_MAJOR_VERSION, higher.notifyType());
        assertEquals(DecodeResult.Stage.BEFORE_SK, higher.stage());
        assertEquals(0x1f2e3d4c5b6a7988L, higher.header().orElseThrow().initiatorSpi());

        init[VERSION_OFFSET] = 0x10;
        DecodeResult.Error ikev1 = assertInstanceOf(DecodeResult.Error.class, IkeMessage.decode(init));
        assertFalse(ikev1.shouldReply());

        init[VERSION_OFFSET] = 0x21;
        assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(init));
    }

    @Test
    @DisplayName("RFC 7296 §3.1: the length field must match the datagram and cover at least the header")
    void validatesLength() {
        byte[] init = Samples.strongSwanInit();
        for (int lie : new int[] {0, 4, 27, 307, 309, 0x7FFF_FFFF, -1}) {
            byte[] copy = init.clone();
            java.nio.ByteBuffer.wrap(copy).putInt(LENGTH_OFFSET, lie);
            DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class, IkeMessage.decode(copy), "length " + lie);
            assertEquals(NotifyType.INVALID_SYNTAX, error.notifyType(), error.reason());
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.1: fewer than 28 bytes have no header; the error says so and names no header")
    void tooShortForAHeader() {
        byte[] init = Samples.strongSwanInit();
        for (int size = 0; size < IkeHeader.SIZE; size++) {
            assertTrue(IkeHeader.parse(init, 0, size).isEmpty());
            DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class,
                    IkeMessage.decode(Arrays.copyOf(init, size)));
            assertTrue(error.header().isEmpty());
            assertFalse(error.shouldReply());
        }
    }

    @Test
    @DisplayName("RFC 7296 §3.1: a header at an offset inside a larger buffer (after a non-ESP marker, RFC 3948 §2.2)")
    void decodesAtAnOffset() {
        byte[] init = Samples.strongSwanInit();
        byte[] framed = new byte[init.length + 4];
        System.arraycopy(init, 0, framed, 4, init.length);
        DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, IkeMessage.decode(framed, 4, init.length));
        assertEquals(Octets.of(init), ok.raw());
    }
}
