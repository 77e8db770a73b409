package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete payload (RFC 7296 §3.11). Deleting the IKE SA has no SPIs (size 0); ESP and AH SAs are named by
 * 4-byte SPIs, the SPIs the sender expects in inbound packets.
 */
public record DeletePayload(int protocolId, int spiSize, List<Octets> spis) implements IkePayload {
    public DeletePayload {
        spis = List.copyOf(spis);
        if (protocolId < 0 || protocolId > 0xFF || spiSize < 0 || spiSize > 0xFF || spis.size() > 0xFFFF) {
            throw new IllegalArgumentException("delete protocol ID and SPI size are octets, at most 65535 SPIs");
        }
        for (Octets spi : spis) {
            if (spi.length() != spiSize) {
                throw new IllegalArgumentException("every SPI of a delete has " + spiSize + " bytes");
            }
        }
    }

    /** Deletes the IKE SA the message belongs to (and with it its Child SAs). */
    public static DeletePayload ikeSa() {
        return new DeletePayload(ProtocolId.IKE, 0, List.of());
    }

    public static DeletePayload esp(int... spis) {
        List<Octets> list = new ArrayList<>(spis.length);
        for (int spi : spis) {
            list.add(Octets.wrap(ByteBuffer.allocate(4).putInt(spi).array()));
        }
        return new DeletePayload(ProtocolId.ESP, 4, list);
    }

    @Override
    public int type() {
        return PayloadType.DELETE;
    }

    @Override
    public int bodyLength() {
        return 4 + spiSize * spis.size();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) protocolId);
        out.put((byte) spiSize);
        out.putShort((short) spis.size());
        for (Octets spi : spis) {
            spi.writeTo(out);
        }
    }

    static DeletePayload decode(WireReader in) throws Malformed {
        int protocol = in.u8("delete protocol ID");
        int spiSize = in.u8("delete SPI size");
        int count = in.u16("number of SPIs");
        boolean sizeOk = switch (protocol) {
            case ProtocolId.IKE -> spiSize == 0 && count == 0;
            case ProtocolId.AH, ProtocolId.ESP -> spiSize == 4;
            default -> true;
        };
        if (!sizeOk) {
            throw new Malformed("delete: SPI size " + spiSize + " with " + count + " SPIs is wrong for protocol " + protocol);
        }
        if (in.remaining() != spiSize * count) {
            throw new Malformed("delete: " + count + " SPIs of " + spiSize + " bytes but " + in.remaining() + " bytes");
        }
        List<Octets> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(in.octets(spiSize, "SPI"));
        }
        return new DeletePayload(protocol, spiSize, spis);
    }
}
