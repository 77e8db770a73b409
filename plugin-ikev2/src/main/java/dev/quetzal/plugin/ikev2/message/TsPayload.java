package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic Selector payload TSi or TSr (RFC 7296 §3.13).
 *
 * @param initiator true for TSi (type 44), false for TSr (type 45)
 */
public record TsPayload(boolean initiator, List<TrafficSelector> selectors) implements IkePayload {
    public TsPayload {
        selectors = List.copyOf(selectors);
        if (selectors.size() > 0xFF) {
            throw new IllegalArgumentException("at most 255 traffic selectors in one payload");
        }
    }

    @Override
    public int type() {
        return initiator ? PayloadType.TSI : PayloadType.TSR;
    }

    @Override
    public int bodyLength() {
        int length = 4;
        for (TrafficSelector selector : selectors) {
            length += selector.encodedLength();
        }
        return length;
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) selectors.size());
        out.put(new byte[3]);
        for (TrafficSelector selector : selectors) {
            selector.encode(out);
        }
    }

    static TsPayload decode(boolean initiator, WireReader in) throws Malformed {
        int count = in.u8("number of TSs");
        in.skip(3, "TS reserved");
        List<TrafficSelector> selectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            selectors.add(TrafficSelector.decode(in));
        }
        in.expectEnd();
        return new TsPayload(initiator, selectors);
    }
}
