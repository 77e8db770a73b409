package dev.quetzal.emulator.portal;

import dev.quetzal.emulator.http.HttpResponse;
import dev.quetzal.emulator.session.Session;

/** What the connection does with a request. */
public sealed interface Outcome {
    /** Write this response and keep serving requests (unless the client asked to close). */
    record Respond(HttpResponse response) implements Outcome {}

    /** Switch this connection to PPP for {@code session}, sending no HTTP response (§4). */
    record OpenTunnel(Session session) implements Outcome {}
}
