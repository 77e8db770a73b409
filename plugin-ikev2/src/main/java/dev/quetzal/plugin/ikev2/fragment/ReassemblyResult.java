package dev.quetzal.plugin.ikev2.fragment;

import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.util.List;

/** What {@link Reassembler#accept} made of one received fragment. */
public sealed interface ReassemblyResult {
    /** The fragment was authentic and is kept; more are needed. */
    record Incomplete(long messageId, int received, int total) implements ReassemblyResult {
    }

    /**
     * All fragments arrived and verified.
     *
     * @param header the header of fragment 1 (its length field is that fragment's)
     * @param firstInnerType the Next Payload field of fragment 1's SKF payload (RFC 7383 §2.5)
     * @param content the reassembled inner payload chain
     * @param rawFragments the fragment messages as received, in fragment-number order; fragment 1 identifies a
     *     retransmitted request (RFC 7383 §2.6.1)
     */
    record Complete(IkeHeader header, int firstInnerType, Octets content, List<Octets> rawFragments)
            implements ReassemblyResult {
        public Complete {
            rawFragments = List.copyOf(rawFragments);
        }

        /** Decodes the inner chain as if it had come in one SK payload (RFC 7296 §3.14). */
        public DecodeResult decode() {
            byte[] bytes = content.toByteArray();
            return IkeMessage.decodeInner(header, firstInnerType, bytes, 0, bytes.length, rawFragments.getFirst());
        }

        @Override
        public String toString() {
            return "Complete[" + header + ", " + rawFragments.size() + " fragments, " + content.length()
                    + " octets]";
        }
    }

    /** The fragment was discarded; {@code detail} is one line for logs, without payload content. */
    record Rejected(FragmentDropReason reason, String detail) implements ReassemblyResult {
    }
}
