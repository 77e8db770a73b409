package dev.quetzal.plugin.ikev2.auth;

import java.util.Arrays;
import java.util.Optional;

/** The content of an AUTH payload (RFC 7296 §3.8): the method and the authentication data. */
public record AuthData(AuthMethod method, byte[] data) {
    public AuthData {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Auth Method, three reserved octets (zero), authentication data: the payload body after the generic header. */
    public byte[] body() {
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) method.value();
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    /** Reads a payload body; empty when it is shorter than the four fixed octets. Reserved octets are ignored. */
    public static Optional<AuthData> fromBody(byte[] body) {
        if (body.length < 4) {
            return Optional.empty();
        }
        return Optional.of(new AuthData(AuthMethod.of(body[0] & 0xFF), Arrays.copyOfRange(body, 4, body.length)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData other && method.equals(other.method) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AuthData[" + method + ", " + data.length + " octets]";
    }
}
