package dev.quetzal.plugin.ikev2.message;

import java.nio.ByteBuffer;

/** Certificate payload (RFC 7296 §3.6); encoding {@link CertEncoding#X509_SIGNATURE} carries a DER certificate. */
public record CertPayload(int encoding, Octets data) implements IkePayload {
    public CertPayload {
        if (encoding < 0 || encoding > 0xFF) {
            throw new IllegalArgumentException("certificate encoding must be 0..255, got " + encoding);
        }
    }

    public static CertPayload x509(byte[] der) {
        return new CertPayload(CertEncoding.X509_SIGNATURE, Octets.of(der));
    }

    @Override
    public int type() {
        return PayloadType.CERT;
    }

    @Override
    public int bodyLength() {
        return 1 + data.length();
    }

    @Override
    public void encodeBody(ByteBuffer out) {
        out.put((byte) encoding);
        data.writeTo(out);
    }

    static CertPayload decode(WireReader in) throws Malformed {
        int encoding = in.u8("certificate encoding");
        return new CertPayload(encoding, in.rest());
    }
}
