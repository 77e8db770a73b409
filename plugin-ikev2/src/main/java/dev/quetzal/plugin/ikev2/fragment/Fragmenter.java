package dev.quetzal.plugin.ikev2.fragment;

import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.PayloadType;
import dev.quetzal.plugin.ikev2.message.SkPayload;
import dev.quetzal.plugin.ikev2.message.SkfPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the protected content of an outgoing IKE message into Encrypted Fragment payloads (RFC 7383 §2.5), each
 * in its own IKE message with the original header (SPIs, exchange type, flags, message ID) and protected on its
 * own. Role-neutral; owned by the thread that owns the {@link IkeCipher}.
 *
 * <p>Only messages made of one SK payload are handled: that is every exchange after IKE_SA_INIT, and IKE_SA_INIT
 * itself has no SK payload and is never fragmented (RFC 7383 §2.5).
 */
public final class Fragmenter {
    /** IKE header, generic payload header, Fragment Number and Total Fragments (RFC 7383 §2.5). */
    static final int SKF_PREFIX = IkeHeader.SIZE + 4 + 4;
    /** Total Fragments is a 16-bit field. */
    static final int MAX_TOTAL = 0xFFFF;

    private final FragmentSize size;

    public Fragmenter(FragmentSize size) {
        this.size = size;
    }

    public FragmentSize size() {
        return size;
    }

    /** Whether the message would fit one datagram with a plain SK payload, so it need not be fragmented. */
    public boolean fitsUnfragmented(int innerLength, IkeCipher cipher) {
        return IkeHeader.SIZE + 4 + cipher.bodyLength(innerLength) <= size.ikeMessageLimit();
    }

    /**
     * The largest inner-chain chunk one fragment of at most {@code ikeMessageLimit} octets can carry under
     * {@code cipher}, or 0 if not even one octet fits.
     */
    public static int chunkCapacity(IkeCipher cipher, int ikeMessageLimit) {
        // bodyLength is monotonic in the plaintext length (CBC pads in steps), so search for the last length that fits.
        int low = 0;
        int high = Math.max(0, ikeMessageLimit - SKF_PREFIX);
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (SKF_PREFIX + cipher.bodyLength(mid) <= ikeMessageLimit) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Fragments with this instance's {@link FragmentSize}. */
    public List<byte[]> fragment(IkeHeader header, int firstInnerType, byte[] inner, int offset, int length,
            IkeCipher cipher) {
        return fragment(header, firstInnerType, inner, offset, length, cipher, size.ikeMessageLimit());
    }

    /**
     * Protects {@code inner[offset, offset+length)} - the encoded inner payload chain that starts with
     * {@code firstInnerType} - as fragments 1..N of at most {@code ikeMessageLimit} octets each. A retransmission
     * after a suspected path-MTU problem may pass a smaller limit (RFC 7383 §2.5.2). Fragments are filled in order,
     * so only the last may be shorter; the result holds N whole IKE messages, without any non-ESP marker.
     *
     * @throws IllegalArgumentException for IKE_SA_INIT, or when the limit cannot hold a fragment, or the message
     *     would need more than 65535 fragments: all mistakes of the caller, never caused by peer input
     */
    public static List<byte[]> fragment(IkeHeader header, int firstInnerType, byte[] inner, int offset, int length,
            IkeCipher cipher, int ikeMessageLimit) {
        if (header.exchangeType() == ExchangeType.IKE_SA_INIT) {
            throw new IllegalArgumentException("IKE_SA_INIT is never fragmented (RFC 7383 §2.5)");
        }
        if (firstInnerType == PayloadType.NONE && length > 0) {
            throw new IllegalArgumentException("an inner chain of " + length + " octets needs a first payload type");
        }
        int chunk = chunkCapacity(cipher, ikeMessageLimit);
        if (chunk == 0) {
            throw new IllegalArgumentException("a fragment limit of " + ikeMessageLimit
                    + " octets leaves no room for content under " + cipher);
        }
        int total = Math.max(1, (length + chunk - 1) / chunk);
        if (total > MAX_TOTAL) {
            throw new IllegalArgumentException(length + " octets would need " + total + " fragments, more than "
                    + MAX_TOTAL);
        }
        List<byte[]> fragments = new ArrayList<>(total);
        for (int number = 1; number <= total; number++) {
            int start = (number - 1) * chunk;
            int part = Math.min(chunk, length - start);
            fragments.add(protect(header, number == 1 ? firstInnerType : PayloadType.NONE, number, total, inner,
                    offset + start, part, cipher));
        }
        return List.copyOf(fragments);
    }

    private static byte[] protect(IkeHeader header, int nextPayload, int number, int total, byte[] inner,
            int offset, int length, IkeCipher cipher) {
        int bodyLength = cipher.bodyLength(length);
        // A placeholder body of the final size, so the authenticated length fields are final.
        SkfPayload placeholder = new SkfPayload(nextPayload, number, total, Octets.of(new byte[bodyLength]));
        byte[] message = new IkeMessage(header, placeholder).encode();
        int bodyOffset = message.length - bodyLength;
        int end = cipher.encrypt(message, 0, bodyOffset, inner, offset, length);
        if (end != message.length) {
            throw new IllegalStateException(cipher + " wrote " + (end - bodyOffset) + " body octets, announced "
                    + bodyLength);
        }
        return message;
    }

    /** The same content as one unfragmented message with a plain SK payload (RFC 7296 §3.14), for comparison. */
    public static byte[] protectUnfragmented(IkeHeader header, int firstInnerType, byte[] inner, int offset,
            int length, IkeCipher cipher) {
        int bodyLength = cipher.bodyLength(length);
        byte[] message = new IkeMessage(header, new SkPayload(firstInnerType, Octets.of(new byte[bodyLength])))
                .encode();
        cipher.encrypt(message, 0, message.length - bodyLength, inner, offset, length);
        return message;
    }
}
