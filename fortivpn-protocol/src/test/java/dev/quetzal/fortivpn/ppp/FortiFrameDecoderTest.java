package dev.quetzal.fortivpn.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fortinet stream parser (fortivpn-protocol.md §5: frames split across or packed into TLS records)")
final class FortiFrameDecoderTest {
    private static final String LCP_REQUEST = "c0 21 01 01 00 0a 05 06 a7 90 2a 6e";
    private static final String IPCP_REQUEST = "ff 03 80 21 01 07 00 0a 03 06 0a 00 00 02";
    private static final String IPV4_DATA = "00 21 45 00 00 14 00 00 00 00 40 01 00 00 0a 00 00 01 0a 00 00 02";

    /** Collects copies of the frames handed out, and remembers whether each was handed out in place. */
    private static final class Collector implements FortiFrameDecoder.FrameSink {
        final List<String> frames = new ArrayList<>();
        final List<byte[]> arrays = new ArrayList<>();

        @Override
        public void frame(byte[] array, int offset, int length) {
            frames.add(Hex.of(array, offset, length));
            arrays.add(array);
        }
    }

    static byte[] framed(String... pppFrames) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (String ppp : pppFrames) {
            byte[] body = Hex.bytes(ppp);
            byte[] header = new byte[FortiFrame.HEADER_LENGTH];
            FortiFrame.writeHeader(header, 0, body.length);
            stream.writeBytes(header);
            stream.writeBytes(body);
        }
        return stream.toByteArray();
    }

    @Test
    @DisplayName("§5: the notes' example frame is handed out in place, without its header")
    void handsOutWholeFrameInPlace() throws FramingException {
        byte[] stream = Hex.bytes(FortiFrameTest.NOTES_EXAMPLE);
        Collector sink = new Collector();
        new FortiFrameDecoder(1500).feed(stream, 0, stream.length, sink);
        assertEquals(List.of(LCP_REQUEST), sink.frames);
        assertSame(stream, sink.arrays.getFirst());
    }

    @Test
    @DisplayName("§5: a stream of three frames split in two at every byte position gives the same frames")
    void splitAtEveryPosition() throws FramingException {
        byte[] stream = framed(LCP_REQUEST, IPCP_REQUEST, IPV4_DATA);
        for (int cut = 0; cut <= stream.length; cut++) {
            FortiFrameDecoder decoder = new FortiFrameDecoder(1500);
            Collector sink = new Collector();
            decoder.feed(stream, 0, cut, sink);
            decoder.feed(stream, cut, stream.length - cut, sink);
            assertEquals(List.of(LCP_REQUEST, IPCP_REQUEST, IPV4_DATA), sink.frames, "cut at " + cut);
            assertEquals(0, decoder.pending(), "cut at " + cut);
        }
    }

    @Test
    @DisplayName("§5: one byte per read reassembles every frame; pending counts the held bytes")
    void oneBytePerRead() throws FramingException {
        byte[] stream = framed(LCP_REQUEST, IPV4_DATA);
        FortiFrameDecoder decoder = new FortiFrameDecoder(1500);
        Collector sink = new Collector();
        for (int i = 0; i < stream.length; i++) {
            decoder.feed(stream, i, 1, sink);
            int firstEnd = 6 + Hex.bytes(LCP_REQUEST).length;
            int expectedPending = i + 1 < firstEnd ? i + 1 : (i + 1 - firstEnd) % (stream.length - firstEnd);
            assertEquals(expectedPending, decoder.pending(), "after byte " + i);
        }
        assertEquals(List.of(LCP_REQUEST, IPV4_DATA), sink.frames);
    }

    @Test
    @DisplayName("§5: a partial frame completes from the next read, then the rest of that read goes out in place")
    void partialThenInPlace() throws FramingException {
        byte[] stream = framed(LCP_REQUEST, IPCP_REQUEST, IPV4_DATA);
        FortiFrameDecoder decoder = new FortiFrameDecoder(1500);
        Collector sink = new Collector();
        decoder.feed(stream, 0, 10, sink);
        assertEquals(10, decoder.pending());
        assertTrue(sink.frames.isEmpty());
        decoder.feed(stream, 10, stream.length - 10, sink);
        assertEquals(3, sink.frames.size());
        assertFalse(sink.arrays.get(0) == stream, "the reassembled frame comes from the decoder's buffer");
        assertSame(stream, sink.arrays.get(1));
        assertSame(stream, sink.arrays.get(2));
    }

    @Test
    @DisplayName("§5: a thousand frames packed into one read all come out in order, in place")
    void manyFramesInOneRead() throws FramingException {
        SplittableRandom random = new SplittableRandom(7);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] body = new byte[2 + random.nextInt(300)];
            random.nextBytes(body);
            expected.add(Hex.of(body));
        }
        byte[] stream = framed(expected.toArray(String[]::new));
        Collector sink = new Collector();
        new FortiFrameDecoder(1500).feed(stream, 0, stream.length, sink);
        assertEquals(expected, sink.frames);
        assertTrue(sink.arrays.stream().allMatch(array -> array == stream));
    }

    @Test
    @DisplayName("§5: a frame of the largest length passes, one byte above the limit is refused")
    void frameLengthLimit() throws FramingException {
        byte[] stream = new byte[6 + 1400];
        FortiFrame.writeHeader(stream, 0, 1400);
        Collector sink = new Collector();
        new FortiFrameDecoder(1400).feed(stream, 0, stream.length, sink);
        assertEquals(1, sink.frames.size());

        byte[] big = new byte[6 + 1401];
        FortiFrame.writeHeader(big, 0, 1401);
        FramingException e = assertThrows(FramingException.class,
                () -> new FortiFrameDecoder(1400).feed(big, 0, 6, sink));
        assertEquals("Fortinet frame of 1401 bytes exceeds the maximum of 1400", e.getMessage());

        byte[] largest = new byte[6 + FortiFrame.MAX_PPP_LENGTH];
        FortiFrame.writeHeader(largest, 0, FortiFrame.MAX_PPP_LENGTH);
        FortiFrameDecoder decoder = new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH);
        decoder.feed(largest, 0, 100, sink);
        decoder.feed(largest, 100, largest.length - 100, sink);
        assertEquals(2, sink.frames.size());
    }

    @Test
    @DisplayName("§5: bad magic, total != len + 6 and an empty frame are framing errors")
    void refusesBadHeaders() {
        assertFraming("00 12 50 51 00 0c", "bad Fortinet frame magic 0x5051, expected 0x5050");
        assertFraming("00 13 50 50 00 0c", "Fortinet frame total length 19 is not PPP length 12 + 6");
        assertFraming("00 06 50 50 00 00", "empty Fortinet frame");
        assertFraming("48 54 54 50 2f 31", "bad Fortinet frame magic 0x5450, expected 0x5050");
    }

    @Test
    @DisplayName("§5: a bad header split across reads fails once it is complete; the decoder stays failed")
    void failsAcrossReadsAndStaysFailed() throws FramingException {
        byte[] stream = framed(LCP_REQUEST);
        stream[5] = 0x0d;
        FortiFrameDecoder decoder = new FortiFrameDecoder(1500);
        Collector sink = new Collector();
        decoder.feed(stream, 0, 3, sink);
        assertThrows(FramingException.class, () -> decoder.feed(stream, 3, 3, sink));
        FramingException again = assertThrows(FramingException.class, () -> decoder.feed(stream, 6, 2, sink));
        assertTrue(again.getMessage().startsWith("decoder already failed: Fortinet frame total length"));
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    @DisplayName("§5: random streams with corrupted bytes and random cuts only ever throw FramingException")
    void randomMutations() {
        SplittableRandom random = new SplittableRandom(1661);
        byte[] clean = framed(LCP_REQUEST, IPCP_REQUEST, IPV4_DATA, LCP_REQUEST);
        int failures = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] stream = clean.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                stream[random.nextInt(stream.length)] = (byte) random.nextInt(256);
            }
            FortiFrameDecoder decoder = new FortiFrameDecoder(64);
            Collector sink = new Collector();
            try {
                int at = 0;
                while (at < stream.length) {
                    int n = 1 + random.nextInt(stream.length - at);
                    decoder.feed(stream, at, n, sink);
                    at += n;
                }
                assertTrue(decoder.pending() >= 0 && decoder.pending() < 64 + 6);
            } catch (FramingException e) {
                failures++;
            }
            for (String frame : sink.frames) {
                int length = frame.isEmpty() ? 0 : (frame.length() + 1) / 3;
                assertTrue(length >= 1 && length <= 64, "frame length " + length);
            }
        }
        assertTrue(failures > 0, "corrupted headers must be detected");
    }

    @Test
    @DisplayName("§5: the limit must fit the 16-bit total")
    void refusesImpossibleLimit() {
        assertThrows(IllegalArgumentException.class, () -> new FortiFrameDecoder(0));
        assertThrows(IllegalArgumentException.class, () -> new FortiFrameDecoder(FortiFrame.MAX_PPP_LENGTH + 1));
    }

    private static void assertFraming(String header, String message) {
        byte[] stream = Hex.bytes(header);
        FramingException e = assertThrows(FramingException.class,
                () -> new FortiFrameDecoder(1500).feed(stream, 0, stream.length, new Collector()));
        assertEquals(message, e.getMessage());
    }
}
