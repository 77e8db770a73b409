package dev.quetzal.plugin.ikev2.crypto;

import java.util.List;

/**
 * What a proposal selector needs to know about one supported transform: its key lengths (empty when the transform
 * carries no Key Length attribute) and, for ENCR, whether it is a combined-mode (AEAD) cipher.
 */
public record TransformDescription(TransformType type, int id, String name, List<Integer> keyLengthsBits,
                                   boolean aead) {
    public TransformDescription {
        keyLengthsBits = List.copyOf(keyLengthsBits);
    }

    /** Whether a transform with this Key Length attribute (0 = attribute absent) is acceptable. */
    public boolean acceptsKeyLength(int keyLengthBits) {
        return keyLengthsBits.isEmpty() ? keyLengthBits == 0 : keyLengthsBits.contains(keyLengthBits);
    }
}
