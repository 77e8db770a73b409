package dev.quetzal.plugin.ikev2.auth;

/**
 * What the verifier accepts beyond the defaults. SHA-1 inside method 14 is refused unless allowed here (RFC 7427
 * §3 leaves the choice to local policy); method 1 is SHA-1 by definition (RFC 7296 §3.8) and stays accepted,
 * because strongSwan falls back to it when the peer does not announce RFC 7427 support.
 */
public record AuthPolicy(boolean allowSha1InDigitalSignature) {
    public static final AuthPolicy DEFAULT = new AuthPolicy(false);
}
