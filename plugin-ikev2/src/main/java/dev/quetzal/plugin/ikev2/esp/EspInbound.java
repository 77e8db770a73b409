package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The receiving half of an SA (RFC 4303 §3.4): replay check before decryption, ICV, replay window update
 * only once the ICV verified, then trailer and inner-packet checks. One receiving thread per SA; counters
 * are published with single-writer lazy sets so other threads can read them without locks.
 */
final class EspInbound {
    private static final int NEXT_HEADER_IPV4 = 4;
    private static final int NEXT_HEADER_IPV6 = 41;
    private static final int NEXT_HEADER_NONE = 59;

    private final int spi;
    private final EspTransform transform;
    private final boolean esn;
    private final EspLimits limits;
    private final EspCipher cipher;
    private final ReplayWindow window = new ReplayWindow();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(EspDropReason.values().length);

    EspInbound(EspSaConfig config) {
        spi = config.inboundSpi();
        transform = config.transform();
        esn = config.esn();
        limits = config.limits();
        cipher = EspCipher.create(transform, config.inboundKeys());
    }

    EspDecryptResult decrypt(PacketBuffer packet) {
        int header = transform.headerLength();
        int textLength = packet.length() - header - transform.icvLength();
        if (textLength < 2 || textLength % transform.encryption().alignment() != 0) {
            return drop(EspDropReason.MALFORMED);
        }
        byte[] array = packet.array();
        int esp = packet.arrayOffset();
        if (packet.getInt(0) != spi) {
            return drop(EspDropReason.MALFORMED);
        }
        int low = packet.getInt(4);
        long seq = esn ? window.inferEsn(low) : low & 0xFFFF_FFFFL;
        if (!window.isFresh(seq)) {
            return drop(EspDropReason.REPLAY);
        }
        if (!cipher.open(array, esp, textLength, seq, esn)) {
            return drop(EspDropReason.AUTH_FAILED);
        }
        window.accept(seq);
        int text = esp + header;
        int padLength = array[text + textLength - 2] & 0xFF;
        int nextHeader = array[text + textLength - 1] & 0xFF;
        int payload = textLength - 2 - padLength;
        if (payload < 0) {
            return drop(EspDropReason.PADDING);
        }
        for (int i = 0; i < padLength; i++) {
            if (array[text + payload + i] != (byte) (i + 1)) {
                return drop(EspDropReason.PADDING);
            }
        }
        int inner = switch (nextHeader) {
            case NEXT_HEADER_NONE -> -2;
            case NEXT_HEADER_IPV4 -> ipv4Length(array, text, payload);
            case NEXT_HEADER_IPV6 -> ipv6Length(array, text, payload);
            default -> -1;
        };
        if (inner == -2) {
            return drop(EspDropReason.DUMMY);
        }
        if (inner < 0) {
            return drop(EspDropReason.MALFORMED);
        }
        // TFC padding (RFC 4303 §2.7) may follow the inner packet: its own length says where it ends.
        packet.trimFront(header);
        packet.setLength(inner);
        packets.lazySet(packets.get() + 1);
        bytes.lazySet(bytes.get() + inner);
        return nextHeader == NEXT_HEADER_IPV4 ? EspDecryptResult.Ok.IPV4 : EspDecryptResult.Ok.IPV6;
    }

    private static int ipv4Length(byte[] array, int at, int available) {
        if (available < 20 || (array[at] & 0xF0) != 0x40) {
            return -1;
        }
        int total = (array[at + 2] & 0xFF) << 8 | (array[at + 3] & 0xFF);
        int headerLength = (array[at] & 0x0F) * 4;
        return total >= headerLength && headerLength >= 20 && total <= available ? total : -1;
    }

    private static int ipv6Length(byte[] array, int at, int available) {
        if (available < 40 || (array[at] & 0xF0) != 0x60) {
            return -1;
        }
        int total = 40 + ((array[at + 4] & 0xFF) << 8 | (array[at + 5] & 0xFF));
        return total <= available ? total : -1;
    }

    boolean softLimitReached() {
        return bytes.get() >= limits.softBytes();
    }

    /** The highest authenticated sequence number; owner thread only (it reads the window unsynchronised). */
    long highestSequence() {
        return window.top();
    }

    long packets() {
        return packets.get();
    }

    long bytes() {
        return bytes.get();
    }

    long drops(EspDropReason reason) {
        return drops.get(reason.ordinal());
    }

    private EspDecryptResult drop(EspDropReason reason) {
        int i = reason.ordinal();
        drops.lazySet(i, drops.get(i) + 1);
        return EspDecryptResult.Drop.of(reason);
    }
}
