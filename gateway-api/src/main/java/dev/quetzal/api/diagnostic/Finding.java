package dev.quetzal.api.diagnostic;

import java.util.Objects;

/**
 * One result of {@code quetzal doctor}: what was checked and found, and what to do about it. Neither text
 * may hold a secret's value.
 *
 * @param severity ok, warn or fail
 * @param found what was checked and what was found, such as {@code UDP 0.0.0.0:500 is in use}
 * @param fix what to do; empty for {@link Severity#OK}
 * @since API 1.4
 */
public record Finding(Severity severity, String found, String fix) {
    /** How bad a finding is. {@code quetzal doctor} exits 1 when any is {@link #FAIL}. */
    public enum Severity {
        /** Checked and fine. */
        OK,
        /** Works now but is likely to break, or could not be checked. */
        WARN,
        /** Will not work as configured. */
        FAIL
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(found, "found");
        fix = fix == null ? "" : fix;
    }

    public static Finding ok(String found) {
        return new Finding(Severity.OK, found, "");
    }

    public static Finding warn(String found, String fix) {
        return new Finding(Severity.WARN, found, fix);
    }

    public static Finding fail(String found, String fix) {
        return new Finding(Severity.FAIL, found, fix);
    }
}
