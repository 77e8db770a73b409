package dev.quetzal.interop.libreswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.interop.strongswan.CertificateKey;
import dev.quetzal.interop.strongswan.InteropPki;
import dev.quetzal.interop.strongswan.QuetzalServer;
import dev.quetzal.interop.strongswan.Scripts;
import dev.quetzal.interop.strongswan.StrongSwanInstall;
import dev.quetzal.interop.strongswan.Suite;
import dev.quetzal.interop.strongswan.SwanTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * libreswan 4.10 as a second real IKEv2 client (issue 8), IKE only: pluto initiates to Quetzal's {@code ikev2}
 * frontend with RSA-3072 certificates, so its IKE_AUTH request goes out as IKE fragments (RFC 7383,
 * {@code fragmentation=force}), and asks in a configuration payload for INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS,
 * INTERNAL_IP6_ADDRESS, INTERNAL_IP6_DNS and INTERNAL_DNS_DOMAIN (RFC 7296 §3.15.1, RFC 8598). The kernel here has no
 * ESP, so pluto cannot install the CHILD SA: it then deletes the IKE SA without a notification and starts again
 * (revive). This test therefore checks the IKE part only, and that Quetzal answers every revival without an error.
 * Root only.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
final class LibreswanIT {
    private static final int IKE_PORT = 500;
    private static final Suite SUITE = Suite.AES_CBC_256_MODP_2048;
    private static final String DNS4 = "198.18.1.53";
    private static final String DNS6 = "2001:db8:1::53";
    private static final String DOMAIN = "corp.example";
    private static final String POOL4_PREFIX = "198.18.2.";
    private static final String POOL6_PREFIX = "2001:db8:2::";
    private static final String STATUS = "http://127.0.0.1:8964/status";
    private static final Duration EXCHANGE_LIMIT = Duration.ofSeconds(20);
    /** pluto revives at once, then every 5 s: two more IKE SAs within this. */
    private static final Duration REVIVE_LIMIT = Duration.ofSeconds(30);
    private static final Duration CURL_LIMIT = Duration.ofSeconds(10);
    private static final String ESTABLISHED = "initiator established IKE SA";
    private static final String CHILD_INSTALL_FAILED = "netlink response for Add SA esp";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    @DisplayName("RFC 7296 §1.2, §3.15.1, RFC 7383, RFC 8598 (issue 8): pluto 4.10 establishes the IKE SA with RSA"
            + " certificates over a fragmented IKE_AUTH and receives ADDR, DNS, ADDR6, DNS6 and DOMAIN; Quetzal"
            + " answers pluto's silent delete and revive without errors")
    void ikeWithFragmentsAndConfiguration() throws Exception {
        Scripts scripts = StrongSwanInstall.requiredScripts();
        Scripts libreswan = Pluto.requiredScripts();
        InteropPki pki = InteropPki.create(scripts, work.resolve("pki"), CertificateKey.RSA_3072).getFirst();
        try (SwanTopology topology = SwanTopology.up(scripts, work.resolve("run"));
                QuetzalServer server = new QuetzalServer(topology)) {
            server.start(gatewayConfig(pki));
            String log;
            try (Pluto pluto = Pluto.start(libreswan, topology, work.resolve("pki"))) {
                long initiated = System.nanoTime();
                pluto.initiate();
                log = pluto.awaitLog(text -> text.contains("INTERNAL_DNS_DOMAIN"), EXCHANGE_LIMIT);
                double seconds = (System.nanoTime() - initiated) / 1e9;
                assertTrue(log.contains(ESTABLISHED), "pluto did not establish the IKE SA within " + EXCHANGE_LIMIT
                        + ":\n" + tail(log) + "\n--- Quetzal:\n" + server.tail());
                assertTrue(log.contains("authenticated peer") && log.contains("using peer certificate '@vpn.test'"),
                        "pluto authenticated Quetzal by its certificate:\n" + tail(log));
                String address4 = received(log, "received INTERNAL_IP4_ADDRESS (\\S+)");
                assertTrue(address4.startsWith(POOL4_PREFIX), "IPv4 address from the pool: " + address4);
                assertTrue(received(log, "received INTERNAL_IP6_ADDRESS ([0-9a-f:]+)").startsWith(POOL6_PREFIX), tail(log));
                assertEquals(DNS4, received(log, "received INTERNAL_IP4_DNS (\\S+)"), tail(log));
                assertEquals(DNS6, received(log, "received INTERNAL_IP6_DNS (\\S+)"), tail(log));
                assertEquals(DOMAIN, received(log, "Received INTERNAL_DNS_DOMAIN: (\\S+)"), tail(log));

                JsonNode fragmentation = frontendStatus(topology).path("engine").path("fragmentation");
                assertTrue(fragmentation.path("messagesReassembled").asInt() >= 1,
                        "pluto's IKE_AUTH arrived in fragments (RFC 7383): " + fragmentation);
                assertTrue(fragmentation.path("messagesFragmented").asInt() >= 1,
                        "Quetzal's IKE_AUTH response went out in fragments, which pluto took: " + fragmentation);
                assertTrue(hasSession(topology, address4), "Quetzal's status lists libreswan's session with "
                        + address4 + ":\n" + server.tail());
                System.out.printf(Locale.ROOT, "libreswan: IKE SA established and configuration received %.2f s after"
                        + " whack --initiate (%s, %s, %s); fragmentation %s%n", seconds, address4, DNS4, DOMAIN,
                        fragmentation);

                if (log.contains(CHILD_INSTALL_FAILED)) {
                    // no kernel ESP: pluto drops the IKE SA without a Delete and starts again (revive)
                    log = pluto.awaitLog(text -> count(text, ESTABLISHED) >= 3, REVIVE_LIMIT);
                    assertTrue(count(log, ESTABLISHED) >= 3, "pluto's revivals were not answered within "
                            + REVIVE_LIMIT + ":\n" + tail(log) + "\n--- Quetzal:\n" + server.tail());
                    System.out.printf(Locale.ROOT, "libreswan: %d IKE SAs (CHILD SA install fails without kernel ESP;"
                            + " pluto revives)%n", count(log, ESTABLISHED));
                }
                assertEquals(0, frontendStatus(topology).path("engineErrors").asInt(), server.tail());
            } finally {
                server.stop();
            }
            String quetzal = Files.readString(server.log());
            assertTrue(count(quetzal, "established: client1@vpn.test from /198.18.0.2:") >= 1,
                    "Quetzal logs the IKE SA with libreswan's identity:\n" + server.tail());
            assertFalse(quetzal.contains("Exception") || quetzal.contains(" ERROR "),
                    "Quetzal logged an error:\n" + server.tail());
            assertEquals(0, server.lastExitCode(), "Quetzal stopped cleanly:\n" + server.tail());
        }
    }

    /**
     * Quetzal's gateway: the interop PKI and pool, an IPv6 pool as well, and the tun backend reporting DNS servers
     * of both families and a DNS suffix, which the frontend hands out; the status page on the namespace's loopback.
     */
    private static String gatewayConfig(InteropPki pki) {
        String backend = """
                {"type": "tun", "device": "qztun%%d", "configure": true, "dnsServers": ["%s", "%s"],
                 "dnsSuffixes": ["%s"]}""".formatted(DNS4, DNS6, DOMAIN);
        String pool = "{\"ipv4\": \"198.18.2.0/24\", \"ipv6\": \"2001:db8:2::/64\"}";
        String json = QuetzalServer.config(pki, SUITE, IKE_PORT, null, backend, null, pool, null);
        String off = "\"status\": {\"enabled\": false}";
        if (!json.contains(off)) {
            throw new IllegalStateException("no status object to turn on in:\n" + json);
        }
        return json.replace(off, "\"status\": {\"enabled\": true, \"listen\": \"127.0.0.1:8964\"}");
    }

    /** The ikev2 frontend's object on the status page. */
    private static JsonNode frontendStatus(SwanTopology topology) throws IOException {
        for (JsonNode component : status(topology).path("components")) {
            if ("frontend".equals(component.path("kind").asText()) && "ikev2".equals(component.path("type").asText())) {
                return component.path("status");
            }
        }
        throw new AssertionError("no ikev2 frontend on the status page");
    }

    private static boolean hasSession(SwanTopology topology, String address) throws IOException {
        for (JsonNode session : status(topology).path("sessions")) {
            List<String> addresses = new ArrayList<>();
            session.path("addresses").forEach(a -> addresses.add(a.asText()));
            if (InteropPki.CLIENT_ID.equals(session.path("identity").asText()) && addresses.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode status(SwanTopology topology) throws IOException {
        Scripts.Result result = topology.runInServer(CURL_LIMIT, "curl", "-sS", "--max-time", "5", STATUS);
        assertEquals(0, result.exitCode(), "curl " + STATUS + ":\n" + result.output());
        return JSON.readTree(result.output());
    }

    /** The first group of the first line matching {@code regex}; an AssertionError when none does. */
    private static String received(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        if (!m.find()) {
            throw new AssertionError("pluto's log has no line matching " + regex + ":\n" + tail(log));
        }
        return m.group(1).replaceAll("[;,]$", "");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
