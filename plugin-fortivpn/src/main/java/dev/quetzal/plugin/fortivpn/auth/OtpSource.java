package dev.quetzal.plugin.fortivpn.auth;

import dev.quetzal.api.config.Secret;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import java.io.Console;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/** Where one-time passwords come from: computed (TOTP), a command's output, or the console. */
public sealed interface OtpSource permits OtpSource.TotpCodes, OtpCommand, OtpSource.ConsolePrompt {
    /**
     * The next code.
     *
     * @param challenge the server's prompt text (may be empty), for an interactive source
     * @param user publishes AwaitingUser before an interactive source blocks
     */
    String next(String challenge, UserInteraction user) throws IOException;

    /** The source the config names, or null when it names none. */
    static OtpSource of(FortiVpnConfig.Otp otp, TimeSource time, Supplier<Console> console) {
        if (otp == null || !otp.anySource()) {
            return null;
        }
        if (otp.totp() != null) {
            return new TotpCodes(otp.totp(), time);
        }
        if (otp.command() != null) {
            return new OtpCommand(otp.command(), Duration.ofSeconds(30));
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
                        + "(standard input is not a terminal); use otp.totp or otp.command");
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
}
