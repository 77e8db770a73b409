package dev.quetzal.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests (RFC 9112) from one connection, keep-alive, bodies by Content-Length only.
 * The head is limited to {@link #MAX_HEAD} bytes and the body to {@link #MAX_BODY}. Bytes read past a
 * request stay buffered for the next one, or for PPP after the tunnel request
 * (fortivpn-protocol.md §12: "bytes already buffered after the request head belong to PPP").
 */
public final class HttpRequestReader {
    public static final int MAX_HEAD = 16 * 1024;
    public static final int MAX_BODY = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[MAX_HEAD + MAX_BODY];
    private int start;
    private int end;

    public HttpRequestReader(InputStream in) {
        this.in = in;
    }

    /** The next request, a malformed-request verdict, or the client's close. */
    public ReadResult next() throws IOException {
        int headEnd;
        int scanned = 0;
        while (true) {
            skipEmptyLines();
            headEnd = findHeadEnd(scanned);
            if (headEnd >= 0) {
                break;
            }
            scanned = Math.max(0, end - start - 3);
            if (end - start >= MAX_HEAD) {
                return new ReadResult.Malformed(431, "Request Header Fields Too Large");
            }
            if (!fill()) {
                return end == start ? new ReadResult.Closed() : new ReadResult.Malformed(400, "Bad Request");
            }
        }
        if (headEnd - start > MAX_HEAD) {
            return new ReadResult.Malformed(431, "Request Header Fields Too Large");
        }
        String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        int consumed = headEnd + (buffer[headEnd] == '\r' ? 4 : 2);
        start = consumed;
        return parse(head);
    }

    /** Bytes received after the last request, handed to whoever takes over the connection. */
    public int buffered() {
        return end - start;
    }

    /** Copies the buffered bytes into {@code target} and forgets them; returns how many. */
    public int drainBuffered(byte[] target, int offset) {
        int n = end - start;
        System.arraycopy(buffer, start, target, offset, n);
        start = end = 0;
        return n;
    }

    private ReadResult parse(String head) throws IOException {
        String[] lines = head.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()
                || !(requestLine[2].equals("HTTP/1.1") || requestLine[2].equals("HTTP/1.0"))) {
            return new ReadResult.Malformed(400, "Bad Request");
        }
        String target = originForm(requestLine[1]);
        if (target == null) {
            return new ReadResult.Malformed(400, "Bad Request");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                return new ReadResult.Malformed(400, "Bad Request");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        if (headers.containsKey("transfer-encoding")) {
            return new ReadResult.Malformed(400, "Bad Request");
        }
        int contentLength = 0;
        List<String> lengths = headers.get("content-length");
        if (lengths != null) {
            String first = lengths.getFirst();
            if (lengths.stream().anyMatch(v -> !v.equals(first)) || first.isEmpty() || first.length() > 9
                    || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new ReadResult.Malformed(400, "Bad Request");
            }
            contentLength = Integer.parseInt(first);
            if (contentLength > MAX_BODY) {
                return new ReadResult.Malformed(413, "Content Too Large");
            }
        }
        byte[] body = new byte[contentLength];
        while (end - start < contentLength) {
            if (!fill()) {
                return new ReadResult.Malformed(400, "Bad Request");
            }
        }
        System.arraycopy(buffer, start, body, 0, contentLength);
        start += contentLength;
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        return new ReadResult.Request(
                new HttpRequest(requestLine[0], target, path, query, requestLine[2], headers, body));
    }

    /** Origin form as sent, or the path of an absolute form; null for anything else. */
    private static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            int slash = target.indexOf('/', lower.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return null;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9112 §2.2: a server should ignore empty lines before a request line. */
    private void skipEmptyLines() {
        while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
            start++;
        }
    }

    /** Index of the blank line ending the head ({@code \r\n\r\n} or {@code \n\n}), or -1. */
    private int findHeadEnd(int from) {
        int limit = Math.min(end, start + MAX_HEAD + 4);
        for (int i = start + from; i < limit; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (i + 1 < end && buffer[i + 1] == '\n') {
                return i;
            }
            if (i + 2 < end && buffer[i + 1] == '\r' && buffer[i + 2] == '\n' && i > start && buffer[i - 1] == '\r') {
                return i - 1;
            }
        }
        return -1;
    }

    /** Reads more bytes; false at end of stream. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return false;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
