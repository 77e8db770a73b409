package dev.quetzal.emulator.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9112 request parsing as the portal needs it (fortivpn-protocol.md §2, §4, §12). */
final class HttpRequestReaderTest {
    private static HttpRequestReader reader(String text) {
        return new HttpRequestReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Hands out one byte per read: every parser state sees a split. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private int at;

        Trickle(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= data.length) {
                return -1;
            }
            b[off] = data[at++];
            return 1;
        }
    }

    @Test
    @DisplayName("§2: OpenConnect's POST with X-Pad, a query string, and a urlencoded body with + / =")
    void parsesPostWithBody() throws IOException {
        String body = "username=alice&credential=p%2Bw%2F%3D&realm=&ajax=1&just_logged_in=1";
        ReadResult result = reader("POST /remote/logincheck?x=1 HTTP/1.1\r\nHost: 127.0.0.1:4443\r\n"
                + "X-Pad: 0000\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).next();
        HttpRequest request = assertInstanceOf(ReadResult.Request.class, result).request();
        assertEquals("POST", request.method());
        assertEquals("/remote/logincheck", request.path());
        assertEquals("x=1", request.query());
        assertEquals("0000", request.header("X-PAD"));
        assertEquals("p+w/=", request.form().get("credential"));
        assertEquals("", request.form().get("realm"));
    }

    @Test
    @DisplayName("§4: bytes after the tunnel request stay buffered for PPP, even when split byte by byte")
    void pipelinedBytesStayBuffered() throws IOException {
        byte[] head = "GET /remote/sslvpn-tunnel HTTP/1.1\r\nHost: sslvpn\r\nCookie: SVPNCOOKIE=a+b/c=\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] ppp = {0x00, 0x12, 0x50, 0x50, 0x00, 0x0c, (byte) 0xc0, 0x21, 0x01, 0x01};
        byte[] all = Arrays.copyOf(head, head.length + ppp.length);
        System.arraycopy(ppp, 0, all, head.length, ppp.length);
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(all), new Trickle(all)}) {
            HttpRequestReader reader = new HttpRequestReader(in);
            HttpRequest request = assertInstanceOf(ReadResult.Request.class, reader.next()).request();
            assertEquals("a+b/c=", request.cookie("SVPNCOOKIE"));
            byte[] rest = new byte[HttpRequestReader.MAX_HEAD + HttpRequestReader.MAX_BODY];
            // The byte-by-byte stream has delivered only the head so far; read the rest into the buffer first.
            int n = reader.drainBuffered(rest, 0);
            int more = in.readNBytes(rest, n, ppp.length - n);
            assertArrayEquals(ppp, Arrays.copyOf(rest, n + more));
        }
    }

    @Test
    @DisplayName("RFC 9112: keep-alive requests back to back, empty lines between them ignored, then EOF")
    void keepAliveSequence() throws IOException {
        HttpRequestReader reader = reader("GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /remote/login?lang=en HTTP/1.1\n"
                + "Host: b\nCookie: a=1; SVPNCOOKIE=x\n\n");
        assertEquals("/", assertInstanceOf(ReadResult.Request.class, reader.next()).request().path());
        HttpRequest second = assertInstanceOf(ReadResult.Request.class, reader.next()).request();
        assertEquals("/remote/login", second.path());
        assertEquals("x", second.cookie("SVPNCOOKIE"));
        assertInstanceOf(ReadResult.Closed.class, reader.next());
    }

    @Test
    @DisplayName("RFC 9112 §9.3: Connection: close on 1.1 and HTTP/1.0 without keep-alive ask to close")
    void connectionClose() throws IOException {
        HttpRequest close = ((ReadResult.Request) reader("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").next()).request();
        assertEquals(true, close.wantsClose());
        HttpRequest old = ((ReadResult.Request) reader("GET / HTTP/1.0\r\n\r\n").next()).request();
        assertEquals(true, old.wantsClose());
        HttpRequest kept = ((ReadResult.Request) reader("GET / HTTP/1.1\r\n\r\n").next()).request();
        assertEquals(false, kept.wantsClose());
    }

    @ParameterizedTest
    @DisplayName("malformed requests are a typed 400 verdict, never an exception")
    @ValueSource(strings = {
        "GARBAGE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n",
        "G\u00e9T / HTTP/1.1\r\n\r\n",
        "GET nopath HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
        "GET / HTTP/1.1\r\nHost: truncated"
    })
    void malformed(String text) throws IOException {
        ReadResult.Malformed verdict = assertInstanceOf(ReadResult.Malformed.class, reader(text).next());
        assertEquals(400, verdict.status());
    }

    @Test
    @DisplayName("limits: a head over 16 KiB gets 431, a body over 64 KiB gets 413")
    void limits() throws IOException {
        String big = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(HttpRequestReader.MAX_HEAD) + "\r\n\r\n";
        assertEquals(431, assertInstanceOf(ReadResult.Malformed.class, reader(big).next()).status());
        String noEnd = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(HttpRequestReader.MAX_HEAD * 2);
        assertEquals(431, assertInstanceOf(ReadResult.Malformed.class, reader(noEnd).next()).status());
        String large = "POST / HTTP/1.1\r\nContent-Length: " + (HttpRequestReader.MAX_BODY + 1) + "\r\n\r\n";
        assertEquals(413, assertInstanceOf(ReadResult.Malformed.class, reader(large).next()).status());
        String exact = "POST / HTTP/1.1\r\nContent-Length: " + HttpRequestReader.MAX_BODY + "\r\n\r\n"
                + "b".repeat(HttpRequestReader.MAX_BODY);
        assertEquals(HttpRequestReader.MAX_BODY,
                assertInstanceOf(ReadResult.Request.class, reader(exact).next()).request().body().length);
    }

    @Test
    @DisplayName("toString shows method and path only, never cookies or the body")
    void toStringHidesSecrets() throws IOException {
        HttpRequest request = ((ReadResult.Request) reader("POST /remote/logincheck HTTP/1.1\r\nCookie: SVPNCOOKIE=secretcookie\r\n"
                + "Content-Length: 19\r\n\r\ncredential=secretpw").next()).request();
        assertEquals("HttpRequest[POST /remote/logincheck]", request.toString());
        assertEquals("FormData[credential]", request.form().toString());
    }
}
