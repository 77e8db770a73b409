package dev.quetzal.plugin.ikev2.crypto;

/**
 * IKEv2 transform type (IANA "IKEv2 Parameters", Transform Type Values; RFC 7296 §3.3.2). Unknown values are kept,
 * never thrown on, so a proposal listing them can still be narrowed.
 */
public record TransformType(int value) {
    public static final TransformType ENCR = new TransformType(1);
    public static final TransformType PRF = new TransformType(2);
    public static final TransformType INTEG = new TransformType(3);
    /** "Diffie-Hellman Group" in RFC 7296, renamed "Key Exchange Method" by RFC 9370. */
    public static final TransformType KE = new TransformType(4);
    public static final TransformType ESN = new TransformType(5);

    public TransformType {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("transform type " + value + " does not fit in one octet");
        }
    }

    public static TransformType valueOf(int value) {
        return new TransformType(value);
    }

    @Override
    public String toString() {
        return switch (value) {
            case 1 -> "ENCR";
            case 2 -> "PRF";
            case 3 -> "INTEG";
            case 4 -> "KE";
            case 5 -> "ESN";
            default -> "TRANSFORM_TYPE_" + value;
        };
    }
}
