package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sending half of an SA. Several threads may send: the sequence counter and byte count are atomics,
 * and each thread gets its own cipher (JCE ciphers are not thread-safe) through a thread-local that is
 * created once per thread, so steady state neither locks nor allocates.
 */
final class EspOutbound {
    private final int spi;
    private final EspTransform transform;
    private final boolean esn;
    private final EspLimits limits;
    private final long lastSequence;
    private final long softSequence;
    private final ThreadLocal<EspCipher> ciphers;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray refusals = new AtomicLongArray(EspRefusal.values().length);

    EspOutbound(EspSaConfig config) {
        spi = config.outboundSpi();
        transform = config.transform();
        esn = config.esn();
        limits = config.limits();
        // Without ESN the counter must not pass 2^32-1 (RFC 4303 §3.3.3). With ESN 2^63-1 is the cap:
        // unreachable in practice, and it keeps sequence numbers positive longs.
        lastSequence = esn ? Long.MAX_VALUE : 0xFFFF_FFFFL;
        softSequence = lastSequence - Math.min(limits.sequenceReserve(), lastSequence - 1);
        EspKeys keys = config.outboundKeys();
        ciphers = ThreadLocal.withInitial(() -> EspCipher.create(transform, keys));
    }

    EspEncryptResult encrypt(PacketBuffer packet) {
        int version = packet.ipVersion();
        int nextHeader = version == 4 ? 4 : version == 6 ? 41 : -1;
        if (nextHeader < 0 || packet.length() < (version == 4 ? 20 : 40)) {
            return refuse(EspRefusal.NOT_IP);
        }
        int payload = packet.length();
        int alignment = transform.encryption().alignment();
        int textLength = (payload + 2 + alignment - 1) / alignment * alignment;
        int header = transform.headerLength();
        if (packet.headroom() < header || packet.tailroom() < textLength - payload + transform.icvLength()) {
            return refuse(EspRefusal.NO_ROOM);
        }
        if (bytes.get() + payload > limits.hardBytes()) {
            return refuse(EspRefusal.LIFETIME_EXPIRED);
        }
        long seq = sequence.incrementAndGet();
        if (seq > lastSequence) {
            // Keep the counter from creeping towards a real wrap while callers keep trying.
            sequence.set(lastSequence + 1);
            return refuse(EspRefusal.SEQUENCE_EXHAUSTED);
        }
        int padLength = textLength - payload - 2;
        int at = packet.append(padLength + 2);
        byte[] array = packet.array();
        for (int i = 1; i <= padLength; i++) {
            array[at++] = (byte) i;
        }
        array[at++] = (byte) padLength;
        array[at] = (byte) nextHeader;
        int esp = packet.prepend(header);
        EspCipher.putInt(array, esp, spi);
        EspCipher.putInt(array, esp + 4, (int) seq);
        ciphers.get().seal(array, esp, textLength, seq, esn);
        packet.append(transform.icvLength());
        packets.incrementAndGet();
        long total = bytes.addAndGet(payload);
        return seq >= softSequence || total >= limits.softBytes()
                ? EspEncryptResult.Sealed.REKEY_NEEDED
                : EspEncryptResult.Sealed.FRESH;
    }

    /** The last sequence number handed out. */
    long sequence() {
        return Math.min(sequence.get(), lastSequence);
    }

    /** For tests: continue numbering after {@code value}, as if that many packets had been sent. */
    void skipTo(long value) {
        sequence.set(value);
    }

    boolean softLimitReached() {
        return sequence.get() >= softSequence || bytes.get() >= limits.softBytes();
    }

    long packets() {
        return packets.get();
    }

    long bytes() {
        return bytes.get();
    }

    long refusals(EspRefusal reason) {
        return refusals.get(reason.ordinal());
    }

    private EspEncryptResult refuse(EspRefusal reason) {
        refusals.incrementAndGet(reason.ordinal());
        return EspEncryptResult.Refused.of(reason);
    }
}
