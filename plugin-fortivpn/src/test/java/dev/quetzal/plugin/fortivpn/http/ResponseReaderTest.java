package dev.quetzal.plugin.fortivpn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 response reader against RFC 9112: status line (§4), fields (§5), body length (§6.3:
 * chunked, Content-Length, close-delimited), chunked coding (§7.1), and every truncation of a response.
 */
final class ResponseReaderTest {
    private static final String LOGIN_OK = "HTTP/1.1 200 OK\r\n"
            + "Set-Cookie: SVPNCOOKIE=AbC+/9=; path=/; secure; httponly\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 25\r\n\r\n"
            + "ret=1,redir=/remote/index";

    private static ResponseReader reader(String text) {
        return new ResponseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Hands out one byte per read, as a slow TLS stream might. */
    private static InputStream trickle(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new InputStream() {
            int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[at++];
                return 1;
            }
        };
    }

    @DisplayName("RFC 9112 §6.3: Content-Length body; Set-Cookie value with + / = (notes §2)")
    @Test
    void contentLengthAndCookie() throws IOException {
        HttpResponse response = new ResponseReader(trickle(LOGIN_OK)).read();
        assertEquals(200, response.status());
        assertEquals("ret=1,redir=/remote/index", response.bodyText());
        assertEquals("AbC+/9=", response.setCookie("SVPNCOOKIE").orElseThrow());
        assertFalse(response.closeRequested());
        assertEquals("HTTP/1.1 200 OK", response.toString());
    }

    @DisplayName("RFC 9112 §7.1: chunked body with extensions and trailer; the next response follows on the same stream")
    @Test
    void chunkedThenKeepAlive() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\n<sslv\r\n"
                + "A\r\npn-tunnel>\r\n"
                + "0\r\nX-Trailer: yes\r\n\r\n"
                + LOGIN_OK);
        assertEquals("<sslvpn-tunnel>", reader.read().bodyText());
        assertEquals("ret=1,redir=/remote/index", reader.read().bodyText());
    }

    @DisplayName("RFC 9112 §6.3 item 8: no length means the body ends with the connection")
    @Test
    void closeDelimited() throws IOException {
        ResponseReader reader = reader("HTTP/1.0 200 OK\r\n\r\nall of this");
        HttpResponse response = reader.read();
        assertEquals("all of this", response.bodyText());
        assertTrue(reader.sawEnd());
        assertTrue(response.closeRequested());
    }

    @DisplayName("RFC 9112 §4: interim 1xx responses are skipped; 204 and 304 have no body")
    @Test
    void interimAndEmpty() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 302 Found\r\nLocation: /remote/login\r\nContent-Length: 0\r\n\r\n");
        assertEquals(204, reader.read().status());
        HttpResponse redirect = reader.read();
        assertEquals(302, redirect.status());
        assertEquals("/remote/login", redirect.header("location").orElseThrow());
    }

    @DisplayName("RFC 9112 §5.2: obsolete line folding joins the value; headers keep their order")
    @Test
    void foldedHeaders() throws IOException {
        HttpResponse response = reader("HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nSet-Cookie: a=1\r\nSet-Cookie: SVPNCOOKIE=\r\n"
                + "Content-Length: 0\r\n\r\n").read();
        assertEquals("one two", response.header("X-A").orElseThrow());
        assertEquals(List.of("a=1", "SVPNCOOKIE="), response.headers("set-cookie"));
        assertEquals("", response.setCookie("SVPNCOOKIE").orElseThrow());
    }

    @DisplayName("every truncated prefix of a response fails with a typed error, never a runtime exception")
    @Test
    void everyTruncationFailsCleanly() {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        for (String whole : List.of(LOGIN_OK, chunked)) {
            for (int cut = 0; cut < whole.length(); cut++) {
                String prefix = whole.substring(0, cut);
                IOException e = assertThrows(IOException.class, () -> reader(prefix).read(), "prefix of " + cut);
                assertTrue(cut == 0 ? e instanceof NoResponseException : e instanceof HttpException,
                        cut + ": " + e);
            }
        }
    }

    @DisplayName("malformed status lines, fields, lengths and chunk sizes are HttpExceptions naming the problem")
    @Test
    void malformed() {
        String[] cases = {
            "SSH-2.0-OpenSSH\r\n\r\n",
            "HTTP/1.1 2x0 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n",
        };
        for (String text : cases) {
            HttpException e = assertThrows(HttpException.class, () -> reader(text).read(), text);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @DisplayName("a malformed Set-Cookie field is reported by name only, never with its value")
    @Test
    void malformedFieldHidesValue() {
        HttpException e = assertThrows(HttpException.class,
                () -> reader("HTTP/1.1 200 OK\r\nSet Cookie: SVPNCOOKIE=secretvalue\r\n\r\n").read());
        assertFalse(e.getMessage().contains("secretvalue"), e.getMessage());
    }

    @DisplayName("notes §4: bytes after a response stay buffered for the PPP stream")
    @Test
    void leftoverBytes() throws IOException {
        ResponseReader reader = reader(LOGIN_OK + "\u0000\u0012PP");
        reader.read();
        assertEquals(4, reader.peek(4));
        byte[] rest = new byte[8];
        assertEquals(4, reader.takeBuffered(rest, 0, 8));
        assertEquals(0x50, rest[2]);
    }
}
