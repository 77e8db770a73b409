package dev.quetzal.plugin.fortivpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.config.Secret;
import dev.quetzal.api.service.UserPrompts;
import dev.quetzal.plugin.fortivpn.FortiVpnConfig;
import dev.quetzal.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One-time password sources: RFC 6238 codes on the context's clock, a command's output, the console, the status page. */
@Timeout(30)
final class OtpSourceTest {
    private final List<String> prompts = new ArrayList<>();
    private final UserInteraction user = (prompt, link) -> prompts.add(prompt);

    @DisplayName("RFC 6238 §4.2: codes follow the injected clock (RFC 4226 Appendix D secret, base32)")
    @Test
    void totpFollowsTheClock() throws Exception {
        // Base32 of the RFC 4226 test secret "12345678901234567890".
        Secret secret = Secret.of("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "inline");
        ManualClock clock = new ManualClock(Instant.ofEpochSecond(59));
        OtpSource source = OtpSource.of(new FortiVpnConfig.Otp(secret, null, null, null), clock, () -> null, () -> null);
        assertEquals("287082", source.next("", user));
        clock.advance(Duration.ofSeconds(1_111_111_109 - 59));
        assertEquals("081804", source.next("", user));
        assertFalse(source.toString().contains("GEZDG"));
    }

    @DisplayName("command: the first line of standard output, standard error logged, exit status checked")
    @Test
    void command() throws Exception {
        OtpCommand ok = new OtpCommand(List.of("sh", "-c", "echo ' 123456 '; echo second; echo 'a note' >&2"), Duration.ofSeconds(10));
        assertEquals("123456", ok.next("", user));
        OtpException failed = assertThrows(OtpException.class,
                () -> new OtpCommand(List.of("sh", "-c", "echo 111111; exit 3"), Duration.ofSeconds(10)).next("", user));
        assertEquals("otp.command sh exited with status 3", failed.getMessage());
        OtpException empty = assertThrows(OtpException.class,
                () -> new OtpCommand(List.of("sh", "-c", "true"), Duration.ofSeconds(10)).next("", user));
        assertTrue(empty.getMessage().contains("printed no code"), empty.getMessage());
        OtpException missing = assertThrows(OtpException.class,
                () -> new OtpCommand(List.of("/nonexistent/otp-tool"), Duration.ofSeconds(10)).next("", user));
        assertTrue(missing.getMessage().contains("cannot be started"), missing.getMessage());
    }

    @DisplayName("command: one that hangs is killed at its time bound")
    @Test
    void commandTimeout() {
        OtpException e = assertThrows(OtpException.class,
                () -> new OtpCommand(List.of("sleep", "20"), Duration.ofMillis(300)).next("", user));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @DisplayName("console prompt without a console: a clear error, and nobody is told to wait")
    @Test
    void promptWithoutConsole() {
        OtpSource source = OtpSource.of(new FortiVpnConfig.Otp(null, null, true, null), null, () -> null, () -> null);
        OtpException e = assertThrows(OtpException.class, () -> source.next("Token", user));
        assertTrue(e.getMessage().startsWith("otp.prompt needs an interactive console"), e.getMessage());
        assertTrue(prompts.isEmpty());
        assertEquals(null, OtpSource.of(new FortiVpnConfig.Otp(null, null, null, null), null, () -> null, () -> null));
    }

    @DisplayName("otp.page (issue 9, sign-in page): AwaitingUser names the page, the question carries the challenge, the answer is the code")
    @Test
    void pageAnswer() throws Exception {
        List<String> asked = new ArrayList<>();
        UserPrompts page = (prompt, timeout) -> {
            asked.add(prompt + " / " + timeout);
            return Optional.of("424242");
        };
        OtpSource source = OtpSource.of(new FortiVpnConfig.Otp(null, null, null, true), null, () -> null, () -> page);
        assertEquals("424242", source.next("Token", user));
        assertEquals(List.of("enter the one-time password on the status page (Token)"), prompts);
        assertEquals(List.of("FortiVPN one-time password (Token) / PT5M"), asked);
    }

    @DisplayName("otp.page (issue 9, sign-in page): nobody answered in time is a clear error without a code")
    @Test
    void pageUnanswered() {
        OtpSource source = new OtpSource.PagePrompt(() -> (prompt, timeout) -> Optional.empty(), Duration.ofMinutes(5));
        OtpException e = assertThrows(OtpException.class, () -> source.next("", user));
        assertEquals("no one-time password was entered on the status page within 5 minutes", e.getMessage());
    }

    @DisplayName("otp: page and prompt together are refused, one source only")
    @Test
    void pageConflictsWithPrompt() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> new FortiVpnConfig.Otp(null, null, true, true));
        assertTrue(e.getMessage().contains("conflicts with prompt"), e.getMessage());
    }
}
