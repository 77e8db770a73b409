package dev.quetzal.plugin.ikev2.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Notification data of SIGNATURE_HASH_ALGORITHMS (notify type 16431, RFC 7427 §4): a list of two-octet hash
 * algorithm identifiers. Its presence in IKE_SA_INIT tells the peer that method 14 may be used.
 */
public final class SignatureHashAlgorithms {
    /** The notify message type (RFC 7427 §4). */
    public static final int NOTIFY_TYPE = 16431;

    /** What we announce: the SHA-2 family, strongest first. SHA-1 is never announced. */
    public static final List<SignatureHash> SUPPORTED =
            List.of(SignatureHash.SHA2_512, SignatureHash.SHA2_384, SignatureHash.SHA2_256);

    private SignatureHashAlgorithms() {
    }

    /** Result of decoding the notification data. */
    public sealed interface Decoded {
    }

    /** The identifiers in wire order, unknown ones included. */
    public record Hashes(List<SignatureHash> hashes) implements Decoded {
        public Hashes {
            hashes = List.copyOf(hashes);
        }
    }

    /** The data cannot be a list of two-octet identifiers. */
    public record Malformed(String reason) implements Decoded {
    }

    public static byte[] encode(List<SignatureHash> hashes) {
        byte[] out = new byte[hashes.size() * 2];
        for (int i = 0; i < hashes.size(); i++) {
            int id = hashes.get(i).id();
            out[2 * i] = (byte) (id >>> 8);
            out[2 * i + 1] = (byte) id;
        }
        return out;
    }

    public static Decoded decode(byte[] data) {
        if (data.length == 0) {
            return new Malformed("SIGNATURE_HASH_ALGORITHMS carries no hash algorithm");
        }
        if (data.length % 2 != 0) {
            return new Malformed("SIGNATURE_HASH_ALGORITHMS length " + data.length + " is not a multiple of 2");
        }
        List<SignatureHash> hashes = new ArrayList<>(data.length / 2);
        for (int i = 0; i < data.length; i += 2) {
            hashes.add(SignatureHash.of(((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF)));
        }
        return new Hashes(hashes);
    }
}
