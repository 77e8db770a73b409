package dev.quetzal.emulator.config;

import dev.quetzal.api.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * One account of the emulated FortiGate.
 *
 * @param username the login name, compared exactly
 * @param password null for an account that logs in only with a client certificate
 * @param realm the only realm the account may use, or null for any realm
 * @param secondFactor the second step after the password; NONE by default
 * @param totpSecret base32 RFC 6238 secret (SHA-1, 30 s, 6 digits); needed by TOKENINFO and HTML
 * @param ftmPushDelay how long the "phone" takes to approve an FTM push (default 1 s)
 */
public record UserAccount(
        String username, Secret password, String realm, SecondFactor secondFactor, Secret totpSecret,
        Duration ftmPushDelay) {
    public static final Duration DEFAULT_FTM_PUSH_DELAY = Duration.ofSeconds(1);

    public UserAccount {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty username");
        }
        secondFactor = secondFactor == null ? SecondFactor.NONE : secondFactor;
        ftmPushDelay = ftmPushDelay == null ? DEFAULT_FTM_PUSH_DELAY : ftmPushDelay;
        if (ftmPushDelay.isNegative()) {
            throw new IllegalArgumentException("expected a non-negative ftmPushDelay, got " + ftmPushDelay);
        }
        if ((secondFactor == SecondFactor.TOKENINFO || secondFactor == SecondFactor.HTML) && totpSecret == null) {
            throw new IllegalArgumentException("user " + username + ": secondFactor " + secondFactor
                    + " needs a totpSecret");
        }
    }

    /** A password-only account in any realm. */
    public static UserAccount of(String username, String password) {
        return new UserAccount(username, Secret.of(password, "inline"), null, SecondFactor.NONE, null, null);
    }

    public UserAccount withRealm(String value) {
        return new UserAccount(username, password, value, secondFactor, totpSecret, ftmPushDelay);
    }

    public UserAccount withSecondFactor(SecondFactor factor, String base32Secret) {
        return new UserAccount(username, password, realm, factor,
                base32Secret == null ? null : Secret.of(base32Secret, "inline"), ftmPushDelay);
    }

    public UserAccount withFtmPushDelay(Duration value) {
        return new UserAccount(username, password, realm, secondFactor, totpSecret, value);
    }

    /** Never shows the password or the TOTP secret. */
    @Override
    public String toString() {
        return "UserAccount[" + username + ", realm=" + (realm == null ? "any" : realm) + ", secondFactor="
                + secondFactor + ", password=" + (password == null ? "none" : "redacted") + "]";
    }
}
