package dev.quetzal.plugin.ikev2.crypto;

/** Transform type 5 (Extended Sequence Numbers) identifier, RFC 7296 §3.3.2 and RFC 4303 §2.2.1. */
public record EsnMode(int id) {
    public static final EsnMode NO_ESN = new EsnMode(0);
    public static final EsnMode ESN = new EsnMode(1);

    public EsnMode {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("ESN transform id " + id + " does not fit in two octets");
        }
    }

    public static EsnMode valueOf(int id) {
        return new EsnMode(id);
    }

    public boolean isSupported() {
        return id == 0 || id == 1;
    }

    @Override
    public String toString() {
        return switch (id) {
            case 0 -> "NO_ESN";
            case 1 -> "ESN";
            default -> "ESN_" + id;
        };
    }
}
