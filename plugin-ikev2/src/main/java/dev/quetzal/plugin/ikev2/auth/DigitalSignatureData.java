package dev.quetzal.plugin.ikev2.auth;

import java.util.Arrays;

/**
 * Authentication data of method 14 (RFC 7427 §3): one octet giving the length of the ASN.1 AlgorithmIdentifier, the
 * AlgorithmIdentifier itself, then the signature.
 */
public final class DigitalSignatureData {
    private DigitalSignatureData() {
    }

    /** Result of splitting method-14 data. */
    public sealed interface Decoded {
    }

    public record Parts(byte[] algorithmIdentifier, byte[] signature) implements Decoded {
        public Parts {
            algorithmIdentifier = algorithmIdentifier.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] algorithmIdentifier() {
            return algorithmIdentifier.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parts p && Arrays.equals(algorithmIdentifier, p.algorithmIdentifier)
                    && Arrays.equals(signature, p.signature);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(algorithmIdentifier) + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Parts[algorithmIdentifier=" + algorithmIdentifier.length + " octets, signature="
                    + signature.length + " octets]";
        }
    }

    public record Malformed(String reason) implements Decoded {
    }

    public static byte[] encode(byte[] algorithmIdentifier, byte[] signature) {
        if (algorithmIdentifier.length == 0 || algorithmIdentifier.length > 0xFF) {
            throw new IllegalArgumentException("AlgorithmIdentifier of " + algorithmIdentifier.length
                    + " octets does not fit the one-octet length");
        }
        byte[] out = new byte[1 + algorithmIdentifier.length + signature.length];
        out[0] = (byte) algorithmIdentifier.length;
        System.arraycopy(algorithmIdentifier, 0, out, 1, algorithmIdentifier.length);
        System.arraycopy(signature, 0, out, 1 + algorithmIdentifier.length, signature.length);
        return out;
    }

    public static Decoded decode(byte[] data) {
        if (data.length == 0) {
            return new Malformed("method 14 data is empty");
        }
        int length = data[0] & 0xFF;
        if (length == 0) {
            return new Malformed("method 14 AlgorithmIdentifier length is 0");
        }
        if (1 + length >= data.length) {
            return new Malformed("method 14 AlgorithmIdentifier length " + length + " leaves no signature in "
                    + data.length + " octets");
        }
        return new Parts(Arrays.copyOfRange(data, 1, 1 + length), Arrays.copyOfRange(data, 1 + length, data.length));
    }
}
