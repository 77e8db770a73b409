package dev.quetzal.plugin.ikev2.fragment;

import dev.quetzal.plugin.ikev2.crypto.DecryptResult;
import dev.quetzal.plugin.ikev2.crypto.IkeCipher;
import dev.quetzal.plugin.ikev2.message.DecodeResult;
import dev.quetzal.plugin.ikev2.message.ExchangeType;
import dev.quetzal.plugin.ikev2.message.IkeHeader;
import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.Octets;
import dev.quetzal.plugin.ikev2.message.SkfPayload;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the Encrypted Fragment payloads of one IKE SA's incoming messages and rebuilds their inner payload
 * chains (RFC 7383 §2.6). Each fragment is verified and decrypted as it arrives; one that fails is discarded without
 * touching what was collected. Messages are told apart by message ID and by the Response flag, since a peer's
 * request and its response to our request may carry the same ID.
 *
 * <p>The caller applies the message-ID window first (RFC 7383 §2.6.1): a fragment of a request already answered
 * is a retransmission, to be answered only when it is fragment 1, and must not reach this class, or it starts a
 * new collection. Not thread-safe: owned by the IKE SA's thread, like the {@link IkeCipher}.
 */
public final class Reassembler {
    private final IkeCipher cipher;
    private final ReassemblyLimits limits;
    private final InstantSource clock;
    // Insertion order is age order: the first entry is the one to evict.
    private final Map<Key, Pending> messages = new LinkedHashMap<>();
    private final Map<FragmentDropReason, Long> drops = new EnumMap<>(FragmentDropReason.class);
    private long expired;
    private long evicted;

    /**
     * @param cipher the inbound cipher of the IKE SA (keys of the peer's direction)
     * @param clock drives {@link ReassemblyLimits#timeout()}
     */
    public Reassembler(IkeCipher cipher, ReassemblyLimits limits, InstantSource clock) {
        this.cipher = cipher;
        this.limits = limits;
        this.clock = clock;
    }

    private record Key(long messageId, boolean response) {
    }

    /** One message being collected; the slots are indexed by fragment number - 1. */
    private static final class Pending {
        final IkeHeader firstReceived;
        final int total;
        final Instant started;
        final byte[][] content;
        final Octets[] raw;
        IkeHeader fragmentOne;
        int firstInnerType;
        int received;
        // Plaintext is always shorter than its fragment, so this bounds the content as well.
        long rawBytes;

        Pending(IkeHeader firstReceived, int total, Instant started) {
            this.firstReceived = firstReceived;
            this.total = total;
            this.started = started;
            this.content = new byte[total][];
            this.raw = new Octets[total];
        }
    }

    /**
     * Takes one decoded message that ends with an SKF payload. Never throws for peer input: anything unusable is a
     * {@link ReassemblyResult.Rejected}, counted, and leaves the collected state as it was.
     */
    public ReassemblyResult accept(DecodeResult.Ok decoded) {
        IkeHeader header = decoded.message().header();
        List<IkePayload> payloads = decoded.message().payloads();
        if (payloads.isEmpty() || !(payloads.getLast() instanceof SkfPayload skf)) {
            return reject(FragmentDropReason.NOT_A_FRAGMENT, "message " + header.messageId() + " has no SKF payload");
        }
        if (header.exchangeType() == ExchangeType.IKE_SA_INIT) {
            return reject(FragmentDropReason.UNPROTECTED_EXCHANGE, "IKE_SA_INIT is never fragmented");
        }
        int number = skf.fragmentNumber();
        int total = skf.totalFragments();
        if (total > limits.maxFragments()) {
            return reject(FragmentDropReason.TOO_MANY_FRAGMENTS, "message " + header.messageId() + " claims " + total
                    + " fragments, limit " + limits.maxFragments());
        }
        Octets raw = decoded.raw();
        if (raw.length() > limits.maxMessageBytes()) {
            return reject(FragmentDropReason.TOO_LARGE, "fragment of " + raw.length() + " octets, limit "
                    + limits.maxMessageBytes());
        }
        expire();
        Key key = new Key(header.messageId(), header.response());
        Pending current = messages.get(key);
        // Cheap checks first: they need no decryption and change nothing.
        if (current != null) {
            if (total < current.total) {
                return reject(FragmentDropReason.STALE_TOTAL, "message " + key.messageId() + ": total " + total
                        + " below " + current.total + " of the fragments being collected");
            }
            if (total == current.total && current.content[number - 1] != null) {
                return reject(FragmentDropReason.DUPLICATE, "message " + key.messageId() + ": fragment " + number
                        + " of " + total + " again");
            }
            IkeHeader earlier = current.firstReceived;
            if (header.exchangeType() != earlier.exchangeType() || header.flags() != earlier.flags()) {
                return reject(FragmentDropReason.HEADER_MISMATCH, "message " + key.messageId()
                        + ": exchange type or flags differ from its earlier fragments");
            }
        }
        byte[] bytes = raw.toByteArray();
        int bodyOffset = bytes.length - skf.body().length();
        byte[] plaintext;
        switch (cipher.decrypt(bytes, 0, bodyOffset, bytes.length)) {
            case DecryptResult.Ok ok -> plaintext = ok.plaintext();
            case DecryptResult.IntegrityFailure failure -> {
                return reject(FragmentDropReason.INTEGRITY_FAILURE, "message " + key.messageId() + ": fragment "
                        + number + " of " + total + " failed its integrity check");
            }
            case DecryptResult.Malformed malformed -> {
                return reject(FragmentDropReason.MALFORMED, "message " + key.messageId() + ": fragment " + number
                        + ": " + malformed.message());
            }
        }
        if (current != null && total > current.total) {
            // RFC 7383 §2.6: the sender re-fragmented with a smaller size (§2.5.2); start over.
            messages.remove(key);
            current = null;
        }
        if (current == null) {
            makeRoom();
            current = new Pending(header, total, clock.instant());
            messages.put(key, current);
        }
        if (current.rawBytes + bytes.length > limits.maxMessageBytes()) {
            messages.remove(key);
            return reject(FragmentDropReason.TOO_LARGE, "message " + key.messageId() + " exceeds "
                    + limits.maxMessageBytes() + " octets; its fragments are discarded");
        }
        current.content[number - 1] = plaintext;
        current.raw[number - 1] = raw;
        current.rawBytes += bytes.length;
        current.received++;
        if (number == 1) {
            current.firstInnerType = skf.firstInnerType();
            current.fragmentOne = header;
        }
        if (current.received < current.total) {
            return new ReassemblyResult.Incomplete(key.messageId(), current.received, current.total);
        }
        messages.remove(key);
        return complete(current);
    }

    private static ReassemblyResult complete(Pending done) {
        int length = 0;
        for (byte[] part : done.content) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int position = 0;
        for (byte[] part : done.content) {
            System.arraycopy(part, 0, joined, position, part.length);
            position += part.length;
        }
        return new ReassemblyResult.Complete(done.fragmentOne, done.firstInnerType, Octets.of(joined),
                new ArrayList<>(List.of(done.raw)));
    }

    /** Drops incomplete messages older than the timeout; also done on every {@link #accept}. Returns how many went. */
    public int expire() {
        Instant deadline = clock.instant().minus(limits.timeout());
        int count = 0;
        for (Iterator<Pending> it = messages.values().iterator(); it.hasNext(); ) {
            if (!it.next().started.isAfter(deadline)) {
                it.remove();
                count++;
            }
        }
        expired += count;
        return count;
    }

    /** Forgets any collection for this message, e.g. once the message ID is no longer acceptable. */
    public boolean discard(long messageId, boolean response) {
        return messages.remove(new Key(messageId, response)) != null;
    }

    private void makeRoom() {
        while (messages.size() >= limits.maxConcurrent()) {
            Iterator<Pending> oldest = messages.values().iterator();
            oldest.next();
            oldest.remove();
            evicted++;
        }
    }

    private ReassemblyResult reject(FragmentDropReason reason, String detail) {
        drops.merge(reason, 1L, Long::sum);
        return new ReassemblyResult.Rejected(reason, detail);
    }

    /** Messages being collected now. */
    public int pending() {
        return messages.size();
    }

    /** Fragments discarded for this reason so far. */
    public long drops(FragmentDropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** Incomplete messages given up after the timeout. */
    public long expired() {
        return expired;
    }

    /** Incomplete messages pushed out by a newer one beyond {@link ReassemblyLimits#maxConcurrent()}. */
    public long evicted() {
        return evicted;
    }
}
