package dev.quetzal.plugin.fortivpn.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses from a byte stream (RFC 9112): status line, header fields, then a body
 * delimited by Transfer-Encoding chunked, Content-Length, or the end of the connection (§6.3). Bytes
 * read past a response stay buffered for the next one, or for the PPP stream after the tunnel request.
 */
final class ResponseReader {
    static final int MAX_HEAD_BYTES = 32 * 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean sawEnd;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one final response, skipping interim 1xx ones.
     *
     * @throws NoResponseException when the stream ends before the first byte of a response
     * @throws HttpException when the response is malformed, truncated or too large
     */
    HttpResponse read() throws IOException {
        while (true) {
            HttpResponse response = readOne();
            if (response.status() >= 200 || response.status() == 101) {
                return response;
            }
        }
    }

    /** True once the peer closed its side; a response delimited by the close leaves the connection unusable. */
    boolean sawEnd() {
        return sawEnd;
    }

    /**
     * Waits until {@code n} bytes are buffered or the stream ends, and returns how many are buffered
     * (up to {@code n}). Used to look at the first bytes after the tunnel request.
     */
    int peek(int n) throws IOException {
        while (limit - position < n) {
            if (!fill()) {
                break;
            }
        }
        return Math.min(n, limit - position);
    }

    /** The buffered byte at {@code index} past the read position; only valid below {@link #peek}'s result. */
    byte peekByte(int index) {
        return buffer[position + index];
    }

    /** Moves up to {@code max} buffered bytes to {@code target}; returns how many. */
    int takeBuffered(byte[] target, int offset, int max) {
        int n = Math.min(max, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    private HttpResponse readOne() throws IOException {
        int[] headBytes = {0};
        String statusLine = readLine(headBytes, true);
        int status = parseStatus(statusLine);
        List<HttpRequest.Header> headers = new ArrayList<>();
        while (true) {
            String line = readLine(headBytes, false);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                // obs-fold (RFC 9112 §5.2): a continuation of the previous field's value.
                HttpRequest.Header last = headers.removeLast();
                headers.add(new HttpRequest.Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).chars().anyMatch(c -> c <= ' ')) {
                // Only the name part: the value may be a cookie.
                String name = line.substring(0, colon <= 0 ? Math.min(line.length(), 40) : Math.min(colon, 40));
                throw new HttpException("malformed header field \"" + printable(name) + "\" in the response");
            }
            headers.add(new HttpRequest.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        HttpResponse head = new HttpResponse(statusLine, status, headers, new byte[0]);
        byte[] body = readBody(head);
        return new HttpResponse(statusLine, status, headers, body);
    }

    private byte[] readBody(HttpResponse head) throws IOException {
        int status = head.status();
        if (status < 200 || status == 204 || status == 304) {
            return new byte[0];
        }
        List<String> encodings = head.headers("Transfer-Encoding");
        if (!encodings.isEmpty()) {
            String last = encodings.getLast().toLowerCase(Locale.ROOT);
            if (last.endsWith("chunked")) {
                return readChunked();
            }
            return readToEnd();
        }
        List<String> lengths = head.headers("Content-Length");
        if (!lengths.isEmpty()) {
            long length = parseLength(lengths);
            if (length > MAX_BODY_BYTES) {
                throw new HttpException("response body of " + length + " bytes is over the " + MAX_BODY_BYTES + "-byte limit");
            }
            return readExactly((int) length, "Content-Length " + length);
        }
        return readToEnd();
    }

    private static long parseLength(List<String> values) throws HttpException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                String digits = part.strip();
                if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
                    throw new HttpException("malformed Content-Length \"" + printable(value) + "\"");
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new HttpException("conflicting Content-Length values " + values);
                }
                length = parsed;
            }
        }
        return length;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] lineBytes = {0};
        while (true) {
            lineBytes[0] = 0;
            String sizeLine = readLine(lineBytes, false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 7 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new HttpException("malformed chunk size \"" + printable(sizeLine) + "\"");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                break;
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new HttpException("chunked response body is over the " + MAX_BODY_BYTES + "-byte limit");
            }
            body.write(readExactly(size, "chunk of " + size + " bytes"));
            lineBytes[0] = 0;
            if (!readLine(lineBytes, false).isEmpty()) {
                throw new HttpException("chunk of " + size + " bytes is not followed by CRLF");
            }
        }
        // Trailer fields (RFC 9112 §7.1.2) are read and ignored.
        int[] trailerBytes = {0};
        while (!readLine(trailerBytes, false).isEmpty()) {
            // skip
        }
        return body.toByteArray();
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            if (position == limit && !fill()) {
                return body.toByteArray();
            }
            int n = limit - position;
            if (body.size() + n > MAX_BODY_BYTES) {
                throw new HttpException("response body is over the " + MAX_BODY_BYTES + "-byte limit");
            }
            body.write(buffer, position, n);
            position = limit;
        }
    }

    private byte[] readExactly(int length, String what) throws IOException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                throw new HttpException("truncated response: the connection closed after " + done + " bytes of a " + what);
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, out, done, n);
            position += n;
            done += n;
        }
        return out;
    }

    /** A line without its CRLF (a bare LF is tolerated); {@code count} accumulates bytes against the head limit. */
    private String readLine(int[] count, boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && !fill()) {
                if (first && line.isEmpty()) {
                    throw new NoResponseException();
                }
                throw new HttpException("truncated response: the connection closed inside the header"
                        + (line.isEmpty() ? "" : " (\"" + printable(line.toString()) + "\")"));
            }
            byte b = buffer[position++];
            if (++count[0] > MAX_HEAD_BYTES) {
                throw new HttpException("response header is over the " + MAX_HEAD_BYTES + "-byte limit");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xFF));
        }
    }

    private static int parseStatus(String line) throws HttpException {
        // HTTP-version SP 3DIGIT SP [reason-phrase] (RFC 9112 §4); some servers omit the last space.
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || !Character.isDigit(line.charAt(7))) {
            throw new HttpException("malformed status line \"" + printable(line) + "\"");
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(Character::isDigit) || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new HttpException("malformed status line \"" + printable(line) + "\"");
        }
        return Integer.parseInt(code);
    }

    private boolean fill() throws IOException {
        if (sawEnd) {
            return false;
        }
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (limit == buffer.length) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int n;
        try {
            n = in.read(buffer, limit, buffer.length - limit);
        } catch (EOFException e) {
            n = -1;
        }
        if (n < 0) {
            sawEnd = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** At most 120 printable characters of server text, for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 120; i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
