package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * Notify payload (RFC 7296 §3.10).
 *
 * @param protocolId {@link ProtocolId#NONE} when the SPI is empty (about the IKE SA), else AH/ESP/IKE
 * @param spi the SPI the notification is about, usually empty
 * @param notifyType {@link NotifyType}; unknown types are kept
 */
public record NotifyPayload(int protocolId, Octets spi, int notifyType, Octets data) implements IkePayload {
    public NotifyPayload {
        if (protocolId < 0 || protocolId > 0xFF || spi.length() > 0xFF || notifyType < 0 || notifyType > 0xFFFF) {
            throw new IllegalArgumentException("notify protocol ID and SPI size are octets, type is 0..65535");
        }
    }

    /** A notification about the IKE SA: no SPI. */
    public static NotifyPayload of(int notifyType, Octets data) {
        return new NotifyPayload(ProtocolId.NONE, Octets.EMPTY, notifyType, data);
    }

    public static NotifyPayload of(int notifyType) {
        return of(notifyType, Octets.EMPTY);
    }

    /** INVALID_KE_PAYLOAD carries the accepted group as 2 bytes (RFC 7296 §1.2, §3.10.1). */
    public static NotifyPayload invalidKe(int acceptedGroup) {
        return of(NotifyType.INVALID_KE_PAYLOAD, Octets.of((byte) (acceptedGroup >>> 8), (byte) acceptedGroup));
    }

    /** UNSUPPORTED_CRITICAL_PAYLOAD carries the one-byte type of the refused payload (RFC 7296 §3.10.1). */
    public static NotifyPayload unsupportedCritical(int payloadType) {
        return of(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, Octets.of((byte) payloadType));
    }

    public boolean isError() {
        return NotifyType.isError(notifyType);
    }

    @Override
    public int type() {
        return PayloadType.NOTIFY;
    }

    @Override
    public int bodyLength() {
        return 4 + spi.length() + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) protocolId);
        out.put((byte) spi.length());
        out.putShort((short) notifyType);
        spi.writeTo(out);
        data.writeTo(out);
    }

    static NotifyPayload decode(WireReader in) throws Malformed {
        int protocol = in.u8("notify protocol ID");
        int spiSize = in.u8("notify SPI size");
        int type = in.u16("notify type");
        Octets spi = in.octets(spiSize, "notify SPI");
        return new NotifyPayload(protocol, spi, type, in.rest());
    }

    @Override
    public String toString() {
        return "N(" + NotifyType.name(notifyType) + (spi.isEmpty() ? "" : ", proto " + protocolId + " SPI " + spi.toHex())
                + (data.isEmpty() ? "" : ", " + data) + ")";
    }
}
