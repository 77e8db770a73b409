package dev.quetzal.interop.splitrouting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Route;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.DnsZone;
import dev.quetzal.emulator.config.NetworkSettings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.config.ZoneRecord;
import dev.quetzal.emulator.network.DnsZoneServer;
import dev.quetzal.emulator.testing.Packets;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.engine.ChildSaSpec;
import dev.quetzal.plugin.ikev2.frontend.Ikev2Frontend;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import dev.quetzal.runtime.testing.GatewayHarness;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Split routing end to end in one JVM, without root (issue 6, acceptance "component test"): the FortiGate emulator
 * (in-process network and DNS zone), a gateway built from JSON with the {@code ikev2} frontend on 127.0.0.1, the
 * {@code fortivpn} backend to the emulator and the {@code split-dns} filter for {@code corp.example}, and the
 * in-process IKEv2 client. The client has its own pool address and NAPT puts its packets on the FortiVPN address,
 * as with a real FortiGate, while the filter's own lookups leave from that address untranslated. The zone's apex has a 1 s TTL and changes during the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class SplitRoutingComponentTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IpAddress DNS = IpAddress.parse("198.18.0.53");
    /** corp.example's own address: resolved by the filter itself (it is the tunnel domain's name) and changed later. */
    private static final IpAddress APEX = IpAddress.parse("198.18.0.30");
    private static final IpAddress APEX_NEW = IpAddress.parse("198.18.0.31");
    /** app.corp.example: learned from the client's own query. */
    private static final IpAddress APP = IpAddress.parse("198.18.0.20");
    private static final IpPrefix XML_INCLUDE = IpPrefix.parse("198.18.4.0/24");
    private static final IpPrefix XML_NEGATE = IpPrefix.parse("198.18.4.128/25");
    private static final Duration APEX_TTL = Duration.ofSeconds(1);
    /** The filter's grace: an address stays this long after max(TTL, floor) ran out (kept short for the test). */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path folder;

    private FortiGateEmulator emulator;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @DisplayName("issue 6 acceptance, RFC 7296 §1.3.3, §2.9, RFC 1035 §4.1.3: a tunnel-domain name resolves through ESP"
            + " and becomes a pushed selector that carries traffic; other names never reach the corporate DNS; the"
            + " FortiVPN include and negate routes shape the selectors; a changed record's new address is pushed and"
            + " the old one leaves after TTL and grace")
    void splitRoutingEndToEnd() throws Exception {
        emulator = FortiGateEmulator.start(emulatorConfig());
        DnsZoneServer zone = emulator.dnsZone().orElseThrow();
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        startGateway();
        RouteRegistry routes = gateway.services().routes();
        await(() -> covers(routes.current(), APEX, "split-dns:corp.example"), "the filter's own lookup of corp.example");

        try (UdpInitiator client = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            Ikev2Frontend frontend = (Ikev2Frontend) gateway.components().stream()
                    .map(c -> c.component()).filter(Ikev2Frontend.class::isInstance).findFirst().orElseThrow();
            client.connect(frontend.localEndpoints().getFirst());
            // FortiVPN routes (fortivpn-protocol.md §3): the include minus its negate part; the resolved apex.
            ChildSaSpec first = client.awaitChild(spec -> reaches(spec, XML_INCLUDE.address())
                    && reaches(spec, APEX) && reaches(spec, DNS), WAIT);
            assertFalse(reaches(first, IpAddress.parse("198.18.4.200")), "negate=\"1\" carved out: " + first.remoteSelectors());
            assertTrue(reaches(first, IpAddress.parse("198.18.4.127")), first.remoteSelectors().toString());
            assertFalse(reaches(first, APP), "app.corp.example is not known yet: " + first.remoteSelectors());
            IpAddress inner = first.innerAddresses().getFirst();
            IpAddress uplink = emulator.sessions().getFirst().assignedAddress();
            assertFalse(uplink.equals(inner), "the client has its own pool address, " + inner + "; NAPT puts its packets"
                    + " on the FortiVPN address " + uplink);

            // A name under the tunnel domain: the client's query goes through ESP to the tunnel's DNS server.
            Message app = ask(client, inner, "app.corp.example.", 0x4101);
            assertEquals(Rcode.NOERROR, app.getRcode());
            assertEquals(APP.toString(), app.getSection(Section.ANSWER).getFirst().rdataToString());
            assertTrue(zone.asked("app.corp.example"), "the query reached the corporate DNS: " + zone.questions());
            ChildSaSpec pushed = client.awaitChild(spec -> reaches(spec, APP), WAIT);
            // The gateway deletes the replaced Child SA once it installed the new one (RFC 7296 §1.3.3): from then on
            // ESP under the new SPIs is known at both ends.
            await(() -> client.children().equals(List.of(pushed)), "the gateway's Delete of the replaced Child SA");
            assertTrue(covers(routes.current(), APP, "split-dns:corp.example"), routes.current().toString());
            assertEquals(0L, client.engine().table().counters().get("child_rekey_started"),
                    "the gateway pushed the selectors; the client did not rekey itself");
            byte[] echo = "through the pushed selector".getBytes(StandardCharsets.US_ASCII);
            client.send(Packets.udp(inner, 40007, APP, 7, echo));
            byte[] reply = receiveUdp(client, 40007);
            assertArrayEquals(echo, Arrays.copyOfRange(reply, Packets.l4(reply) + 8, reply.length),
                    "RFC 862 echo from " + APP + " through " + pushed.remoteSelectors());
            // Policy (RFC 4301 §5.2): an address the emulator would answer but no route covers is dropped at the gateway.
            long violations = tsViolations(frontend);
            client.send(Packets.udp(inner, 40008, IpAddress.parse("198.18.0.99"), 7, echo));
            await(() -> tsViolations(frontend) == violations + 1, "the gateway to drop a packet outside the selectors");
            assertTrue(client.receive(Duration.ofMillis(500)).isEmpty(), "an answer from outside the routes");

            // A name outside: answered by the gateway (REFUSED, otherQueries "refuse"), never sent into the tunnel.
            long zoneQueries = zone.queries();
            Message outside = ask(client, inner, "www.example.org.", 0x4102);
            assertEquals(Rcode.REFUSED, outside.getRcode());
            assertFalse(zone.asked("www.example.org"), "the outside name reached the corporate DNS: " + zone.questions());
            assertTrue(questionsSince(zone, zoneQueries).stream().allMatch(q -> q.name().equals("corp.example")),
                    "only the filter's own lookups of corp.example reached the zone: " + questionsSince(zone, zoneQueries));

            // The record changes: the filter's next lookup (TTL 1 s) brings the new address, pushed without client action.
            emulator.hooks().setZoneRecords(List.of(new ZoneRecord("corp.example.", "A", APEX_NEW.toString(), APEX_TTL),
                    new ZoneRecord("app", "A", APP.toString(), Duration.ofSeconds(60))));
            await(() -> covers(routes.current(), APEX_NEW, "split-dns:corp.example"), "the new address in the route set");
            // Grace: the old address is still routed when the new one arrives (it goes max(TTL, floor) + grace after
            // its last answer, a connection in use keeps its route meanwhile).
            assertTrue(covers(routes.current(), APEX, null), "the old address left at once: " + routes.current());
            client.awaitChild(spec -> reaches(spec, APEX_NEW), WAIT);
            await(() -> !covers(routes.current(), APEX, null), "the old address to leave the route set");
            // The push that removes the old address may be the same one that brought the new address (the debounce
            // merges changes that come close together), so wait on the live Child SA rather than the next install.
            await(() -> settledChild(client).isPresent(), "a live Child SA with the new address and without the old");
            ChildSaSpec settled = settledChild(client).orElseThrow();
            assertTrue(reaches(settled, APP) && reaches(settled, XML_INCLUDE.address()), settled.remoteSelectors().toString());
            assertEquals(0L, client.engine().table().counters().get("child_rekey_started"),
                    "every selector change came from the gateway");
            assertStatusShowsSources();
        }
    }

    /**
     * The emulator: it assigns the session 198.18.1.2, which the gateway's NAPT puts the client's packets on, the
     * FortiVPN XML carries an include route with a negate part, and corp.example has an apex A record with a 1 s TTL.
     */
    private static EmulatorConfig emulatorConfig() {
        return EmulatorConfig.builder().user("alice", "secret")
                .tunnel(TunnelSettings.builder()
                        .gateway((Ipv4Address) IpAddress.parse("198.18.1.1"))
                        .addressPool(IpPrefix.parse("198.18.1.0/24"))
                        .splitInclude(List.of(XML_INCLUDE))
                        .splitExclude(List.of(XML_NEGATE))
                        .build())
                .network(new NetworkSettings(null, null, null, new DnsZone("corp.example", List.of(
                        new ZoneRecord("corp.example.", "A", APEX.toString(), APEX_TTL),
                        new ZoneRecord("app", "A", APP.toString(), Duration.ofSeconds(60))))))
                .build();
    }

    private void startGateway() throws Exception {
        gateway = GatewayModule.createGateway(GatewayHarness.load(folder, """
                {
                  "frontends": [{"type": "ikev2", "listenAddress": "127.0.0.1", "natPort": 0, "ikePort": 0,
                                 "singlePort": true, "certificate": "server.pem", "key": "server-key.pem",
                                 "clientCa": "ca.pem"}],
                  "backend": {"type": "fortivpn", "server": "127.0.0.1:%d", "username": "alice",
                              "password": {"env": "FORTI_PASSWORD"}, "tls": {"pins": ["%s"], "systemTrust": false}},
                  "filters": [{"type": "split-dns", "tunnelDomains": ["corp.example"], "ttlFloor": "1s",
                               "grace": "%ds", "otherQueries": "refuse"}],
                  "addressPool": {"ipv4": "100.64.0.0/24"}, "napt": {"enabled": true},
                  "status": {"enabled": true, "listen": "127.0.0.1:0"}
                }
                """.formatted(emulator.address().getPort(), emulator.certificatePin(), GRACE.toSeconds()),
                Map.of("FORTI_PASSWORD", "secret")));
        CompletableFuture<BackendState.Connected> connected = new CompletableFuture<>();
        gateway.services().uplink().subscribe(state -> {
            if (state instanceof BackendState.Connected c) {
                connected.complete(c);
            }
        });
        gateway.start();
        connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest live Child SA, if it reaches the apex's new address and no longer its old one. */
    private static Optional<ChildSaSpec> settledChild(UdpInitiator client) {
        List<ChildSaSpec> live = client.children();
        return live.isEmpty() ? Optional.empty() : Optional.of(live.getLast())
                .filter(spec -> !reaches(spec, APEX) && reaches(spec, APEX_NEW));
    }

    @SuppressWarnings("unchecked")
    private static long tsViolations(Ikev2Frontend frontend) {
        return ((Map<String, Long>) frontend.status().get("drops")).get("ts-violation");
    }

    /** GET /status: the route set with where each route came from, and the split-DNS domain (issue 6, policy checks). */
    private void assertStatusShowsSources() throws Exception {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create("http://" + gateway.statusAddress() + "/status"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, response.statusCode());
        JsonNode routes = new ObjectMapper().readTree(response.body()).path("routes");
        List<String> entries = new ArrayList<>();
        routes.path("routes").forEach(r -> entries.add(r.path("prefix").asText() + " " + r.path("kind").asText() + " "
                + r.path("source").asText()));
        String all = String.join("; ", entries);
        assertTrue(entries.stream().anyMatch(e -> e.startsWith(APEX_NEW + "/32 include ") && e.contains("split-dns:corp.example")), all);
        assertTrue(entries.stream().anyMatch(e -> e.startsWith(APP + "/32 include ") && e.contains("split-dns:corp.example")), all);
        assertTrue(entries.stream().anyMatch(e -> e.startsWith(DNS + "/32 include ") && e.contains("split-dns:dns-servers")), all);
        assertTrue(entries.contains(XML_INCLUDE + " include fortivpn"), all);
        assertTrue(entries.contains(XML_NEGATE + " exclude fortivpn"), all);
        assertFalse(all.contains(APEX + "/"), "the expired address is gone: " + all);
        assertTrue(routes.path("dnsDomains").toString().contains("\"corp.example\""), routes.toString());
    }

    /** A DNS query for {@code name} A through the tunnel, and the answer to it (RFC 1035 §4.1.1). */
    private static Message ask(UdpInitiator client, IpAddress inner, String name, int id) throws Exception {
        client.send(Packets.dnsQuery(inner, DNS, name, Type.A, id));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] packet = client.receive(Duration.ofMillis(200)).orElse(null);
            if (packet != null && isUdp(packet) && Packets.source(packet).equals(DNS)) {
                Message answer = Packets.dnsAnswer(packet);
                if (answer.getHeader().getID() == id) {
                    return answer;
                }
            }
        }
        throw new AssertionError("no DNS answer for " + name + " within " + WAIT);
    }

    private static byte[] receiveUdp(UdpInitiator client, int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] packet = client.receive(Duration.ofMillis(200)).orElse(null);
            if (packet != null && isUdp(packet) && ((packet[Packets.l4(packet) + 2] & 0xFF) << 8
                    | (packet[Packets.l4(packet) + 3] & 0xFF)) == port) {
                return packet;
            }
        }
        throw new AssertionError("no UDP reply to port " + port + " within " + WAIT);
    }

    private static boolean isUdp(byte[] packet) {
        return (packet[0] & 0xF0) == 0x40 && (packet[9] & 0xFF) == 17;
    }

    /** The questions the zone logged after it had answered {@code before} queries (the log holds the newest). */
    private static List<DnsZoneServer.Question> questionsSince(DnsZoneServer zone, long before) {
        List<DnsZoneServer.Question> questions = zone.questions();
        long since = Math.min(questions.size(), zone.queries() - before);
        return questions.subList((int) (questions.size() - since), questions.size());
    }

    /** Whether one of the Child SA's selectors towards the gateway (what the client reaches) holds {@code address}. */
    private static boolean reaches(ChildSaSpec spec, IpAddress address) {
        return UdpInitiator.covers(spec.remoteSelectors(), address);
    }

    /** Whether an include route of the set holds {@code address}, from {@code source} when that is not null. */
    private static boolean covers(RouteRegistry.RouteSet set, IpAddress address, String source) {
        return set.routes().stream().anyMatch(r -> r.kind() == Route.Kind.INCLUDE && r.prefix().contains(address)
                && (source == null || r.source().contains(source)));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
