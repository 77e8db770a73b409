package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/**
 * One payload of an IKE message (RFC 7296 §3.2): one record per wire structure. The generic header (next
 * payload, critical bit, length) is written by {@link IkeMessage#encode()} and {@link PayloadChain#encode},
 * never by the payload itself.
 */
public sealed interface IkePayload permits SaPayload, KePayload, IdPayload, CertPayload, CertReqPayload,
        AuthPayload, NoncePayload, NotifyPayload, DeletePayload, VendorIdPayload, TsPayload, SkPayload, SkfPayload,
        CpPayload, EapPayload, UnsupportedPayload {
    /** The generic header is 4 bytes: next payload, critical bit and reserved bits, payload length. */
    int GENERIC_HEADER_SIZE = 4;

    /** The payload type number ({@link PayloadType}). */
    int type();

    /**
     * The critical bit. RFC 7296 §2.5: it is sent clear for every type this codec knows and ignored on receipt
     * for them, so only {@link UnsupportedPayload} keeps the received value.
     */
    default boolean critical() {
        return false;
    }

    /** Bytes after the generic header. */
    int bodyLength();

    /** Writes the bytes after the generic header. */
    void encodeBody(ByteBuffer out);
}
