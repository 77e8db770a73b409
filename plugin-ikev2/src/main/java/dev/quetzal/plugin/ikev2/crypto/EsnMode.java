package dev.quetzal.plugin.ikev2.crypto;

import static dev.quetzal.plugin.ikev2.message.TransformType.ESN_EXTENDED;
import static dev.quetzal.plugin.ikev2.message.TransformType.ESN_NONE;

/** Transform type 5 (Extended Sequence Numbers) identifier, RFC 7296 §3.3.2 and RFC 4303 §2.2.1. */
public record EsnMode(int id) {
    public static final EsnMode NO_ESN = new EsnMode(ESN_NONE);
    public static final EsnMode ESN = new EsnMode(ESN_EXTENDED);

    public EsnMode {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("ESN transform id " + id + " does not fit in two octets");
        }
    }

    public static EsnMode valueOf(int id) {
        return new EsnMode(id);
    }

    public boolean isSupported() {
        return id == ESN_NONE || id == ESN_EXTENDED;
    }

    @Override
    public String toString() {
        return switch (id) {
            case ESN_NONE -> "NO_ESN";
            case ESN_EXTENDED -> "ESN";
            default -> "ESN_" + id;
        };
    }
}
