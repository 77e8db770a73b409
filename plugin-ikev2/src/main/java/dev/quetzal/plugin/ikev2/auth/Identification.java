package dev.quetzal.plugin.ikev2.auth;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The body of an IDi or IDr payload (RFC 7296 §3.5): ID type and identification data. Its {@link #body()} is the
 * IDx' that the AUTH octets take prf over (RFC 7296 §2.15).
 */
public record Identification(int type, byte[] data) {
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_RFC822_ADDR = 3;
    public static final int ID_IPV6_ADDR = 5;
    public static final int ID_DER_ASN1_DN = 9;
    public static final int ID_DER_ASN1_GN = 10;
    public static final int ID_KEY_ID = 11;

    public Identification {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("ID type is one octet, got " + type);
        }
        data = data.clone();
    }

    public static Identification fqdn(String name) {
        return new Identification(ID_FQDN, name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static Identification rfc822(String address) {
        return new Identification(ID_RFC822_ADDR, address.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** ID type, three reserved octets (zero) and the data: the payload body after the generic header. */
    public byte[] body() {
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) type;
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    /** Parses a payload body; the reserved octets are ignored as RFC 7296 §3.5 asks of receivers. */
    public static Identification fromBody(byte[] body) {
        if (body.length < 4) {
            throw new IllegalArgumentException("ID payload body of " + body.length + " octets is shorter than 4");
        }
        return new Identification(body[0] & 0xFF, Arrays.copyOfRange(body, 4, body.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identification other && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    /** Identities are not secret: printable types print as text, the rest as hex. */
    @Override
    public String toString() {
        String shown = switch (type) {
            case ID_FQDN, ID_RFC822_ADDR -> new String(data, java.nio.charset.StandardCharsets.US_ASCII);
            default -> HexFormat.of().formatHex(data);
        };
        return "ID(" + type + ", " + shown + ")";
    }
}
