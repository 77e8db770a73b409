package dev.quetzal.plugin.fortivpn.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command (no shell) whose standard output's first line is the one-time password: a password
 * manager, a hardware token helper. Bounded in time and output; its standard error is logged, its exit
 * status checked, and the code itself never logged.
 */
public record OtpCommand(List<String> argv, Duration timeout) implements OtpSource {
    private static final Logger log = LoggerFactory.getLogger(OtpCommand.class);
    private static final int MAX_OUTPUT = 64 * 1024;

    public OtpCommand {
        argv = List.copyOf(argv);
    }

    @Override
    public String next(String challenge, UserInteraction user) throws IOException {
        String program = argv.getFirst();
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw new OtpException("otp.command " + program + " cannot be started: " + e.getMessage());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread outReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdout));
        Thread errReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new OtpException("otp.command " + program + " did not finish within " + timeout.toSeconds() + " s");
            }
            outReader.join(1000);
            errReader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OtpException("interrupted while waiting for otp.command " + program);
        }
        String errors = stderr.toString(StandardCharsets.UTF_8).strip();
        if (!errors.isEmpty()) {
            errors.lines().limit(20).forEach(line -> log.warn("otp.command {}: {}", program, line));
        }
        if (process.exitValue() != 0) {
            throw new OtpException("otp.command " + program + " exited with status " + process.exitValue());
        }
        String first = stdout.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            throw new OtpException("otp.command " + program + " printed no code on its first line");
        }
        return first;
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        byte[] chunk = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (into.size() < MAX_OUTPUT) {
                    into.write(chunk, 0, Math.min(n, MAX_OUTPUT - into.size()));
                }
            }
        } catch (IOException e) {
            // The process ended or was killed; what was read is what there is.
        }
    }
}
