package dev.quetzal.emulator.cli;

import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.SessionInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --control-stdin}: the running emulator's test hooks for another process. One command per line on standard
 * input; each gets one line on standard output, {@code ok COMMAND [facts]} or {@code error REASON}:
 *
 * <ul>
 *   <li>{@code cut-tunnels}: resets every tunnel connection (TCP, no PPP or TLS goodbye)
 *   <li>{@code expire-sessions}: ends every session as if its lifetime were over; {@code ok expire-sessions N}
 *   <li>{@code stats}: {@code ok stats logins=N tunnels=N reconnects=N logouts=N}
 *   <li>{@code sessions}: {@code ok sessions N ADDRESS...}, each session's assigned address ({@code -} for none)
 * </ul>
 *
 * Answers never carry cookies or passwords. Blank lines are ignored; the end of input ends only the reading.
 */
final class ControlCommands {
    /** Longer lines are no command; not echoed, so a stray secret pasted in never reaches the output. */
    static final int MAX_LINE = 64;

    private final FortiGateEmulator emulator;

    ControlCommands(FortiGateEmulator emulator) {
        this.emulator = emulator;
    }

    /** The answer to one line, or null for a blank line. */
    String answer(String line) {
        String command = line.strip();
        if (command.isEmpty()) {
            return null;
        }
        if (command.length() > MAX_LINE) {
            return "error command too long";
        }
        return switch (command.toLowerCase(Locale.ROOT)) {
            case "cut-tunnels" -> {
                emulator.hooks().cutTunnelsNow();
                yield "ok cut-tunnels";
            }
            case "expire-sessions" -> "ok expire-sessions " + emulator.hooks().expireAllSessions();
            case "stats" -> stats(emulator.stats());
            case "sessions" -> sessions();
            default -> "error unknown command (cut-tunnels, expire-sessions, stats, sessions)";
        };
    }

    /** Answers every line of {@code in} on {@code out} until the input ends. */
    void serve(BufferedReader in, PrintWriter out) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String answer = answer(line);
            if (answer != null) {
                out.println(answer);
                out.flush();
            }
        }
    }

    private static String stats(EmulatorStats stats) {
        return "ok stats logins=" + stats.loginsSucceeded() + " tunnels=" + stats.tunnelsOpened() + " reconnects="
                + stats.reconnects() + " logouts=" + stats.logouts();
    }

    private String sessions() {
        var sessions = emulator.sessions();
        String addresses = sessions.stream()
                .map(SessionInfo::assignedAddress)
                .map(address -> address == null ? "-" : address.toString())
                .collect(Collectors.joining(" "));
        return ("ok sessions " + sessions.size() + " " + addresses).strip();
    }
}
