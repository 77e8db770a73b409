package dev.quetzal.emulator.testing;

import dev.quetzal.emulator.FortiGateEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately simple keep-alive HTTP/1.1 client over one TLS socket, writing requests byte for
 * byte as OpenConnect and openfortivpn do (fortivpn-protocol.md §2-§4), so tests control every header
 * and can take the socket over for PPP.
 */
public final class PortalClient implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    public PortalClient(FortiGateEmulator emulator) throws IOException {
        this(emulator, TrustingTls.trusting(emulator.certificate()));
    }

    public PortalClient(FortiGateEmulator emulator, SSLContext context) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", emulator.address().getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public SSLSocket socket() {
        return socket;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    public RawResponse get(String target, String cookie) throws IOException {
        send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 SV1\r\n"
                + (cookie == null ? "" : "Cookie: SVPNCOOKIE=" + cookie + "\r\n") + "\r\n");
        return read();
    }

    public RawResponse post(String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:10443\r\nUser-Agent: Mozilla/5.0 SV1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nX-Pad: 0000000000\r\nContent-Length: "
                + bytes.length + "\r\n\r\n" + body);
        return read();
    }

    /** Logs in with username and password and returns the cookie (fails the test otherwise). */
    public String login(String username, String password) throws IOException {
        RawResponse response = post("/remote/logincheck", form(Map.of("username", username, "credential", password,
                "realm", "", "ajax", "1", "just_logged_in", "1")));
        String cookie = response.svpnCookie();
        if (response.status() != 200 || cookie == null || cookie.isEmpty()) {
            throw new AssertionError("login failed: " + response.statusLine() + " " + response.bodyText());
        }
        return cookie;
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public RawResponse read() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        List<String[]> headers = new ArrayList<>();
        int length = 0;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = in.readNBytes(length);
        return new RawResponse(statusLine, Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** True when the server closed the connection (EOF or reset) before sending another byte. */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
