package dev.quetzal.emulator.config;

/** The second factor a user must give after the password (fortivpn-protocol.md §2). */
public enum SecondFactor {
    /** Password (or client certificate) only. */
    NONE,
    /** A 200 {@code ret=2,...,tokeninfo=} challenge answered with {@code code=<TOTP>}. */
    TOKENINFO,
    /** A 401 HTML form answered with the TOTP in {@code credential}. */
    HTML,
    /** {@code tokeninfo=ftm_push}: approved after a delay when the client posts {@code ftmpush=1}, or by TOTP. */
    FTM_PUSH
}
