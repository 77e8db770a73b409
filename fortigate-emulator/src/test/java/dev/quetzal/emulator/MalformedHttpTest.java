package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed requests over the wire get 400 and a close; the server keeps serving (fortivpn-protocol.md §12). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class MalformedHttpTest {
    @RegisterExtension
    static final EmulatorFixture fixture = EmulatorFixture.startedWith(EmulatorFixture.alice());

    @Test
    @DisplayName("garbage gets 400 with Connection: close, and the next client is served")
    void garbageThenNormalService() throws Exception {
        long before = fixture.emulator().stats().malformedRequests();
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            client.send("\u0016\u0003\u0001 not http at all\r\n\r\n");
            RawResponse response = client.read();
            assertEquals(400, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.closedByServer());
        }
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            client.send("POST /remote/logincheck HTTP/1.1\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n");
            assertEquals(413, client.read().status());
        }
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(200, client.post("/remote/logincheck", "username=alice&credential=secret").status());
        }
        assertEquals(before + 2, fixture.emulator().stats().malformedRequests());
    }

    @Test
    @DisplayName("a client that closes mid-request or mid-handshake does not disturb the server")
    void abruptClients() throws Exception {
        try (var raw = new java.net.Socket("127.0.0.1", fixture.emulator().address().getPort())) {
            raw.getOutputStream().write("not a TLS hello".getBytes());
        }
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            client.send("POST /remote/logincheck HTTP/1.1\r\nContent-Length: 100\r\n\r\nusername=");
        }
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(302, client.get("/", null).status());
        }
    }

    @Test
    @DisplayName("hook responseDelay: every response waits, then arrives intact")
    void responseDelay() throws Exception {
        fixture.emulator().hooks().responseDelay(Duration.ofMillis(200));
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            long started = System.nanoTime();
            RawResponse response = client.get("/", null);
            long waited = System.nanoTime() - started;
            assertEquals(302, response.status());
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(190), "waited " + waited);
        } finally {
            fixture.emulator().hooks().responseDelay(Duration.ZERO);
        }
    }
}
