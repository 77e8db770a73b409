package dev.quetzal.fortivpn.ppp;

/**
 * Splits a TLS byte stream into PPP frames. Frames may be concatenated in, or split across, reads.
 *
 * <p>Not thread-safe: one reader thread owns it. Allocates only once (its reassembly buffer of
 * {@code maxPppLength + 6} bytes); a frame that lies whole inside one read is handed out in place,
 * without copying. After a {@link FramingException} the decoder must not be used again.
 */
public final class FortiFrameDecoder {
    /** Receives each PPP frame (protocol field first, possibly after {@code ff 03}). */
    @FunctionalInterface
    public interface FrameSink {
        /** {@code array[offset, offset + length)} is valid only during the call. */
        void frame(byte[] array, int offset, int length);
    }

    /** @param maxPppLength frames above this are a framing error; at most {@link FortiFrame#MAX_PPP_LENGTH} */
    public FortiFrameDecoder(int maxPppLength) {
        throw new UnsupportedOperationException("todo");
    }

    /** Consumes {@code src[offset, offset + length)} and calls {@code sink} once per complete frame. */
    public void feed(byte[] src, int offset, int length, FrameSink sink) throws FramingException {
        throw new UnsupportedOperationException("todo");
    }

    /** Bytes of an incomplete frame held back for the next {@link #feed}. */
    public int pending() {
        throw new UnsupportedOperationException("todo");
    }
}
