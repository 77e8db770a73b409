package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/** Vendor ID payload (RFC 7296 §3.12): an opaque identifier. */
public record VendorIdPayload(Octets vendorId) implements IkePayload {
    @Override
    public int type() {
        return PayloadType.VENDOR_ID;
    }

    @Override
    public int bodyLength() {
        return vendorId.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        vendorId.writeTo(out);
    }

    static VendorIdPayload decode(WireReader in) {
        return new VendorIdPayload(in.rest());
    }
}
