package dev.quetzal.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --control-stdin}: one answer line per command, read while the emulator serves (issue 7 item 4). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ControlCommandsTest {
    private static final String SECRET = "pw-not-echoed";

    /** Standard output as lines, handed over as they are written. */
    private static final class Lines extends Writer {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder current = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    lines.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no output line within 10 s");
            }
            return line;
        }
    }

    @Test
    @DisplayName("stats, sessions, expire-sessions and cut-tunnels are answered on stdout while the emulator serves;"
            + " an unknown or over-long command is an error line that echoes nothing")
    void answersCommands() throws Exception {
        Lines out = new Lines();
        StringWriter err = new StringWriter();
        PipedWriter commands = new PipedWriter();
        BufferedReader input = new BufferedReader(new PipedReader(commands));
        PrintWriter send = new PrintWriter(commands, true);
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> EmulatorMain.execute(
                new String[] {"--listen", "127.0.0.1:0", "--user", "zed:" + SECRET, "--control-stdin"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), () -> stop::await, input));
        String url = out.next().substring("url: ".length());
        String pin = out.next().substring("pin: ".length());
        out.next(); // users
        out.next(); // network

        send.println("stats");
        assertEquals("ok stats logins=0 tunnels=0 reconnects=0 logouts=0", out.next());
        send.println("sessions");
        assertEquals("ok sessions 0", out.next());

        login(url, pin);
        send.println("");
        send.println("  STATS ");
        assertEquals("ok stats logins=1 tunnels=0 reconnects=0 logouts=0", out.next(), "blank lines get no answer");
        send.println("sessions");
        assertTrue(out.next().startsWith("ok sessions 1 "), "one session, its address or '-'");
        send.println("cut-tunnels");
        assertEquals("ok cut-tunnels", out.next());
        send.println("expire-sessions");
        assertEquals("ok expire-sessions 1", out.next());
        send.println("sessions");
        assertEquals("ok sessions 0", out.next());

        send.println("login zed " + SECRET);
        String unknown = out.next();
        assertTrue(unknown.startsWith("error unknown command"), unknown);
        send.println("x".repeat(ControlCommands.MAX_LINE + 1) + SECRET);
        String tooLong = out.next();
        assertEquals("error command too long", tooLong);
        assertFalse(unknown.contains(SECRET) || err.toString().contains(SECRET), "the password is never echoed");

        send.close(); // the end of control input does not stop the emulator
        assertFalse(status.isDone());
        stop.countDown();
        assertEquals(0, status.get(10, TimeUnit.SECONDS), err::toString);
    }

    @Test
    @DisplayName("a blank line has no answer")
    void blankLine() {
        assertNull(new ControlCommands(null).answer("   "));
    }

    private static void login(String url, String pin) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(EmulatorMainTest.pinning(pin)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + "remote/logincheck"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=zed&credential=" + SECRET + "&realm=&ajax=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
    }
}
