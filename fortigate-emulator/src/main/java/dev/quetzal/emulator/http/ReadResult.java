package dev.quetzal.emulator.http;

/** What {@link HttpRequestReader#next} found on the connection. */
public sealed interface ReadResult {
    record Request(HttpRequest request) implements ReadResult {}

    /** Not HTTP we accept; answered with {@code status} and the connection closed. */
    record Malformed(int status, String reason) implements ReadResult {}

    /** The client closed the connection between requests. */
    record Closed() implements ReadResult {}
}
