package dev.quetzal.emulator.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which corporate network sits behind the emulator. */
public enum NetworkMode {
    /** Answers ICMP echo, UDP echo and DNS itself; no privileges needed. */
    IN_PROCESS("in-process"),
    /** A TUN device in a network namespace where real servers run (Linux, root). */
    TUN("tun");

    private final String text;

    NetworkMode(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static NetworkMode parse(String value) {
        for (NetworkMode mode : values()) {
            if (mode.text.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected \"in-process\" or \"tun\", got \"" + value + "\"");
    }
}
