package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A proposal substructure (RFC 7296 §3.3.1).
 *
 * @param number the Proposal Num: 1 for the first, one more for each next; a response echoes the chosen one
 * @param protocolId {@link ProtocolId#IKE}, {@link ProtocolId#AH} or {@link ProtocolId#ESP}; others are kept
 * @param spi empty for IKE_SA_INIT, 8 bytes when rekeying an IKE SA, 4 bytes for AH and ESP
 */
public record Proposal(int number, int protocolId, Octets spi, List<Transform> transforms) {
    static final int LAST = 0;
    static final int MORE = 2;
    static final int HEADER_SIZE = 8;

    public Proposal {
        if (number < 0 || number > 0xFF || protocolId < 0 || protocolId > 0xFF || spi.length() > 0xFF
                || transforms.size() > 0xFF) {
            throw new IllegalArgumentException("proposal number, protocol ID, SPI size and transform count are octets");
        }
        transforms = List.copyOf(transforms);
    }

    /** The transforms of one type, in the order received (the peer's preference). */
    public List<Transform> transformsOf(int transformType) {
        return transforms.stream().filter(t -> t.type() == transformType).toList();
    }

    int encodedLength() {
        int length = HEADER_SIZE + spi.length();
        for (Transform transform : transforms) {
            length += transform.encodedLength();
        }
        return length;
    }

    void encode(ByteBuffer out, boolean last) {
        out.put((byte) (last ? LAST : MORE));
        out.put((byte) 0);
        out.putShort((short) encodedLength());
        out.put((byte) number);
        out.put((byte) protocolId);
        out.put((byte) spi.length());
        out.put((byte) transforms.size());
        spi.writeTo(out);
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).encode(out, i == transforms.size() - 1);
        }
    }

    static Proposal decode(WireReader in, boolean[] lastOut) throws Malformed {
        int last = in.u8("proposal last substructure");
        if (last != LAST && last != MORE) {
            throw new Malformed("proposal: last-substructure value " + last + ", expected 0 or 2");
        }
        in.skip(1, "proposal reserved");
        int length = in.u16("proposal length");
        if (length < HEADER_SIZE) {
            throw new Malformed("proposal length " + length + " is below " + HEADER_SIZE);
        }
        WireReader body = in.slice(length - 4, "proposal body", "proposal");
        int number = body.u8("proposal number");
        int protocol = body.u8("protocol ID");
        int spiSize = body.u8("SPI size");
        checkSpiSize(protocol, spiSize);
        int count = body.u8("number of transforms");
        Octets spi = body.octets(spiSize, "SPI");
        List<Transform> transforms = new ArrayList<>(count);
        boolean[] lastTransform = {false};
        while (body.remaining() > 0) {
            if (lastTransform[0]) {
                throw new Malformed("proposal " + number + ": bytes after the last transform");
            }
            transforms.add(Transform.decode(body, lastTransform));
        }
        if (transforms.size() != count || count > 0 && !lastTransform[0]) {
            throw new Malformed("proposal " + number + " announces " + count + " transforms, has "
                    + transforms.size() + (lastTransform[0] || count == 0 ? "" : " without a last one"));
        }
        lastOut[0] = last == LAST;
        return new Proposal(number, protocol, spi, transforms);
    }

    private static void checkSpiSize(int protocol, int spiSize) throws Malformed {
        // RFC 7296 §3.3.1: IKE uses no SPI in IKE_SA_INIT and the 8-byte SPI when rekeying; AH and ESP use 4.
        boolean ok = switch (protocol) {
            case ProtocolId.IKE -> spiSize == 0 || spiSize == 8;
            case ProtocolId.AH, ProtocolId.ESP -> spiSize == 4;
            default -> true;
        };
        if (!ok) {
            throw new Malformed("SPI size " + spiSize + " is wrong for protocol " + protocol);
        }
    }
}
