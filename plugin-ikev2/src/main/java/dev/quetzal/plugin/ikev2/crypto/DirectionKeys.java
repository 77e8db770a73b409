package dev.quetzal.plugin.ikev2.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The keys protecting one direction of traffic: encryption key material (for AEAD including the 4-octet salt) and
 * integrity key (empty for AEAD). Arrays are copied in and out; toString never shows them.
 */
public record DirectionKeys(byte[] encryption, byte[] integrity) {
    public DirectionKeys {
        encryption = encryption.clone();
        integrity = integrity.clone();
    }

    @Override
    public byte[] encryption() {
        return encryption.clone();
    }

    @Override
    public byte[] integrity() {
        return integrity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectionKeys(byte[] e, byte[] i)
                && MessageDigest.isEqual(encryption, e) && MessageDigest.isEqual(integrity, i);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(encryption) + Arrays.hashCode(integrity);
    }

    @Override
    public String toString() {
        return "DirectionKeys[encryption=" + encryption.length + " octets, integrity=" + integrity.length
                + " octets]";
    }
}
