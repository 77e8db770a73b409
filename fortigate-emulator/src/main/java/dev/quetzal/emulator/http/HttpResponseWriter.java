package dev.quetzal.emulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a response head and body in one write (one TLS record for small answers). */
public final class HttpResponseWriter {
    private HttpResponseWriter() {}

    public static void write(OutputStream out, HttpResponse response, boolean close) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        for (HttpResponse.Header header : response.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        head.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + response.body().length);
        bytes.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.write(response.body());
        bytes.writeTo(out);
        out.flush();
    }
}
