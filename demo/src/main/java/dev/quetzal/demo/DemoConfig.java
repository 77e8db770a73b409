package dev.quetzal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gateway config the demo writes and runs, as a user would write it: the {@code ikev2} frontend with the demo's
 * certificates, the {@code fortivpn} backend to the emulator (its certificate pinned, the password from the
 * environment, never in the file), {@code nat64} with DNS64 and {@code split-dns} for corp.example, NAPT on.
 */
final class DemoConfig {
    static final String PASSWORD_VARIABLE = "QUETZAL_DEMO_FORTIVPN_PASSWORD";
    static final String FILE = "gateway.json";
    static final String TUNNEL_DOMAIN = "corp.example";
    static final String NAT64_PREFIX = "64:ff9b:1::/96";
    static final String IPV6_POOL = "fd51:7e7a:de00::/64";

    private DemoConfig() {}

    static String json(String listen, DemoPki pki, String fortiGate, String username, String pin) {
        return """
                {
                  "frontends": [{"type": "ikev2", "listenAddress": "%s", "ikePort": 0, "natPort": 0, "singlePort": true,
                                 "certificate": "%s", "key": "%s", "clientCa": "%s"}],
                  "backend": {"type": "fortivpn", "server": "%s", "username": "%s",
                              "password": {"env": "%s"}, "tls": {"pins": ["%s"], "systemTrust": false}},
                  "filters": [{"type": "nat64", "prefix": "%s"},
                              {"type": "split-dns", "tunnelDomains": ["%s"]}],
                  "addressPool": {"ipv4": "100.64.0.0/24", "ipv6": "%s"},
                  "napt": {"enabled": true},
                  "status": {"enabled": true, "listen": "127.0.0.1:0"}
                }
                """.formatted(listen, json(pki.serverCertificate()), json(pki.serverKey()), json(pki.ca()), fortiGate,
                username, PASSWORD_VARIABLE, pin, NAT64_PREFIX, TUNNEL_DOMAIN, IPV6_POOL);
    }

    static Path write(Path folder, String json) throws IOException {
        Path file = folder.resolve(FILE);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static String json(Path path) {
        return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
