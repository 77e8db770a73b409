package dev.quetzal.fortivpn.ppp;

import java.util.Objects;

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

    private final int maxPppLength;
    private final byte[] reassembly;
    /** Bytes of the current partial frame (header included) in {@link #reassembly}. */
    private int held;
    /** Total length of the partial frame once its header is complete, else 0. */
    private int heldTotal;
    private String failure;

    /** @param maxPppLength frames above this are a framing error; at most {@link FortiFrame#MAX_PPP_LENGTH} */
    public FortiFrameDecoder(int maxPppLength) {
        if (maxPppLength < 1 || maxPppLength > FortiFrame.MAX_PPP_LENGTH) {
            throw new IllegalArgumentException(
                    "maximum PPP frame length outside 1.." + FortiFrame.MAX_PPP_LENGTH + ": " + maxPppLength);
        }
        this.maxPppLength = maxPppLength;
        this.reassembly = new byte[maxPppLength + FortiFrame.HEADER_LENGTH];
    }

    /** Consumes {@code src[offset, offset + length)} and calls {@code sink} once per complete frame. */
    public void feed(byte[] src, int offset, int length, FrameSink sink) throws FramingException {
        if (failure != null) {
            throw new FramingException("decoder already failed: " + failure);
        }
        Objects.checkFromIndexSize(offset, length, src.length);
        int pos = offset;
        int end = offset + length;
        if (held > 0) {
            pos = continuePartial(src, pos, end, sink);
        }
        // Whole frames inside this read go out in place; a tail is kept for the next read.
        while (end - pos >= FortiFrame.HEADER_LENGTH) {
            int total = checkHeader(src, pos);
            if (end - pos < total) {
                break;
            }
            sink.frame(src, pos + FortiFrame.HEADER_LENGTH, total - FortiFrame.HEADER_LENGTH);
            pos += total;
        }
        if (pos < end) {
            int n = end - pos;
            System.arraycopy(src, pos, reassembly, 0, n);
            held = n;
            heldTotal = n >= FortiFrame.HEADER_LENGTH ? checkHeader(reassembly, 0) : 0;
        }
    }

    /** Bytes of an incomplete frame held back for the next {@link #feed}. */
    public int pending() {
        return held;
    }

    private int continuePartial(byte[] src, int pos, int end, FrameSink sink) throws FramingException {
        if (heldTotal == 0) {
            int n = Math.min(FortiFrame.HEADER_LENGTH - held, end - pos);
            System.arraycopy(src, pos, reassembly, held, n);
            held += n;
            pos += n;
            if (held < FortiFrame.HEADER_LENGTH) {
                return pos;
            }
            heldTotal = checkHeader(reassembly, 0);
        }
        int n = Math.min(heldTotal - held, end - pos);
        System.arraycopy(src, pos, reassembly, held, n);
        held += n;
        pos += n;
        if (held == heldTotal) {
            int pppLength = heldTotal - FortiFrame.HEADER_LENGTH;
            held = 0;
            heldTotal = 0;
            sink.frame(reassembly, FortiFrame.HEADER_LENGTH, pppLength);
        }
        return pos;
    }

    /** Validates the header at {@code array[at]} and returns the frame's total length. */
    private int checkHeader(byte[] array, int at) throws FramingException {
        int total = u16(array, at);
        int magic = u16(array, at + 2);
        int pppLength = u16(array, at + 4);
        String error = null;
        if (magic != FortiFrame.MAGIC) {
            error = String.format("bad Fortinet frame magic 0x%04x, expected 0x5050", magic);
        } else if (total != pppLength + FortiFrame.HEADER_LENGTH) {
            error = "Fortinet frame total length " + total + " is not PPP length " + pppLength + " + 6";
        } else if (pppLength == 0) {
            error = "empty Fortinet frame";
        } else if (pppLength > maxPppLength) {
            error = "Fortinet frame of " + pppLength + " bytes exceeds the maximum of " + maxPppLength;
        }
        if (error != null) {
            failure = error;
            held = 0;
            heldTotal = 0;
            throw new FramingException(error);
        }
        return total;
    }

    private static int u16(byte[] array, int at) {
        return ((array[at] & 0xFF) << 8) | (array[at + 1] & 0xFF);
    }
}
