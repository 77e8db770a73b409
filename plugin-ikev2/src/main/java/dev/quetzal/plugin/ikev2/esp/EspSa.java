package dev.quetzal.plugin.ikev2.esp;

import dev.quetzal.api.packet.PacketBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * One Child SA's ESP data path in tunnel mode (RFC 4303), both directions, in place on {@link PacketBuffer}s.
 *
 * <p>{@link #decrypt} takes a packet that starts at the SPI (the UDP header and any NAT-T framing already
 * removed, and the SA already looked up by SPI) and leaves the inner IPv4/IPv6 packet in the buffer.
 * {@link #encrypt} takes an inner packet and turns it into an ESP packet in the same buffer, using
 * {@link #headroomNeeded()} bytes in front and up to {@link #tailroomNeeded()} bytes behind it.
 *
 * <p>Threads: one receiving thread per SA may call {@link #decrypt}; any number of threads may call
 * {@link #encrypt} at once. Neither locks or allocates per packet (the AEAD ciphers' JCE parameter spec
 * excepted). Counters may be read from any thread.
 */
public final class EspSa {
    /** Bytes of SPI and (low) sequence number at the start of every ESP packet (RFC 4303 §2). */
    public static final int SPI_AND_SEQUENCE = 8;

    private final EspSaConfig config;
    private final EspInbound inbound;
    private final EspOutbound outbound;

    public EspSa(EspSaConfig config) {
        this.config = config;
        this.inbound = new EspInbound(config);
        this.outbound = new EspOutbound(config);
    }

    /** Verifies and decrypts one received ESP packet in place; the result says whether and why not. */
    public EspDecryptResult decrypt(PacketBuffer packet) {
        return inbound.decrypt(packet);
    }

    /** Protects one inner IP packet in place; a refusal leaves the buffer as it was. */
    public EspEncryptResult encrypt(PacketBuffer packet) {
        return outbound.encrypt(packet);
    }

    public int inboundSpi() {
        return config.inboundSpi();
    }

    public int outboundSpi() {
        return config.outboundSpi();
    }

    public EspTransform transform() {
        return config.transform();
    }

    public boolean esn() {
        return config.esn();
    }

    /** Bytes {@link #encrypt} needs before the packet: SPI, sequence number, IV. */
    public int headroomNeeded() {
        return config.transform().headerLength();
    }

    /** The most bytes {@link #encrypt} adds after the packet: padding, pad length, next header, ICV. */
    public int tailroomNeeded() {
        return config.transform().maxTrailerLength();
    }

    /** True once a soft limit (sequence reserve or bytes, either direction) is passed: start a rekey. */
    public boolean rekeyNeeded() {
        return outbound.softLimitReached() || inbound.softLimitReached();
    }

    /** The last outbound sequence number used (0 before the first packet). */
    public long outboundSequence() {
        return outbound.sequence();
    }

    /** The highest authenticated inbound sequence number; read it on the receiving thread. */
    public long inboundHighestSequence() {
        return inbound.highestSequence();
    }

    public long drops(EspDropReason reason) {
        return inbound.drops(reason);
    }

    public long refusals(EspRefusal reason) {
        return outbound.refusals(reason);
    }

    /** All counters at once, for metrics and status; allocates, so not for the data path. */
    public EspSaStats stats() {
        Map<EspDropReason, Long> drops = new EnumMap<>(EspDropReason.class);
        for (EspDropReason reason : EspDropReason.values()) {
            drops.put(reason, inbound.drops(reason));
        }
        Map<EspRefusal, Long> refusals = new EnumMap<>(EspRefusal.class);
        for (EspRefusal reason : EspRefusal.values()) {
            refusals.put(reason, outbound.refusals(reason));
        }
        return new EspSaStats(inbound.packets(), inbound.bytes(), outbound.packets(), outbound.bytes(), drops,
                refusals);
    }

    /** For tests in this package: make the next outbound sequence number {@code last + 1}. */
    void skipOutboundSequenceTo(long last) {
        outbound.skipTo(last);
    }

    @Override
    public String toString() {
        return "EspSa[in=" + Integer.toHexString(config.inboundSpi()) + ", out="
                + Integer.toHexString(config.outboundSpi()) + ", " + config.transform() + ", esn=" + config.esn()
                + "]";
    }
}
