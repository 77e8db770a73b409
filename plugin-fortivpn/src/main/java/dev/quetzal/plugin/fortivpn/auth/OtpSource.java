package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.api.config.Secret;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UserPrompts;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import java.io.Console;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/** Where one-time passwords come from: computed (TOTP), a command's output, the console or the status page. */
public sealed interface OtpSource permits OtpSource.TotpCodes, OtpCommand, OtpSource.ConsolePrompt, OtpSource.PagePrompt {
    /** How long the status page's question stays open: time to find the phone, not to walk away. */
    Duration PAGE_WAIT = Duration.ofMinutes(5);

    /**
     * The next code.
     *
     * @param challenge the server's prompt text (may be empty), for an interactive source
     * @param user publishes AwaitingUser before an interactive source blocks
     */
    String next(String challenge, UserInteraction user) throws IOException;

    /** The source the config names, or null when it names none. */
    static OtpSource of(FortiVpnConfig.Otp otp, TimeSource time, Supplier<Console> console, Supplier<UserPrompts> page) {
        if (otp == null || !otp.anySource()) {
            return null;
        }
        if (otp.totp() != null) {
            return new TotpCodes(otp.totp(), time);
        }
        if (otp.command() != null) {
            return new OtpCommand(otp.command(), Duration.ofSeconds(30));
        }
        if (otp.page()) {
            return new PagePrompt(page, PAGE_WAIT);
        }
        return new ConsolePrompt(console);
    }

    /** RFC 6238 codes from the configured base32 secret and the context's clock. */
    record TotpCodes(Secret secret, TimeSource time) implements OtpSource {
        @Override
        public String next(String challenge, UserInteraction user) {
            byte[] key = Base32.decode(secret.reveal());
            try {
                return Totp.FORTITOKEN.code(key, time.now());
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "TotpCodes[" + secret.origin() + "]";
        }
    }

    /** Asks on the console (System.console()); without one there is nobody to ask. */
    record ConsolePrompt(Supplier<Console> console) implements OtpSource {
        @Override
        public String next(String challenge, UserInteraction user) throws IOException {
            Console terminal = console.get();
            if (terminal == null) {
                throw new OtpException("otp.prompt needs an interactive console, and this gateway has none "
                        + "(standard input is not a terminal); use otp.page, otp.totp or otp.command");
            }
            user.awaitingUser("enter the one-time password on the gateway's console"
                    + (challenge.isEmpty() ? "" : " (" + challenge + ")"), null);
            char[] code = terminal.readPassword("FortiVPN one-time password%s: ", challenge.isEmpty() ? "" : " (" + challenge + ")");
            if (code == null || code.length == 0) {
                throw new OtpException("no one-time password was entered on the console");
            }
            String text = new String(code).strip();
            java.util.Arrays.fill(code, '\0');
            return text;
        }
    }

    /**
     * Asks on the gateway's status page ({@link UserPrompts}, API 1.5), so the code can be typed from
     * any browser that may use the page, also when the gateway runs as a service without a console.
     */
    record PagePrompt(Supplier<UserPrompts> prompts, Duration timeout) implements OtpSource {
        @Override
        public String next(String challenge, UserInteraction user) throws IOException {
            String asked = challenge.isEmpty() ? "" : " (" + challenge + ")";
            user.awaitingUser("enter the one-time password on the status page" + asked, null);
            try {
                return prompts.get().ask("FortiVPN one-time password" + asked, timeout)
                        .orElseThrow(() -> new OtpException("no one-time password was entered on the status page within "
                                + timeout.toMinutes() + " minutes"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped while waiting for the one-time password on the status page");
            }
        }
    }
}
