package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .sswan} file of {@code quetzal profile android} (issue 9, "Device profiles"), parsed with Jackson and
 * checked against the fields and types strongSwan documents for the Android client's profiles (uuid, name, type,
 * remote.addr/port/id/cert, local.id/p12, ike-proposal, esp-proposal, split-tunneling.subnets).
 */
final class SswanProfileTest {
    /** strongSwan's documented keys (a subset; Quetzal writes no others), and whether each is text. */
    private static final Map<String, Set<String>> SCHEMA = Map.of(
            "", Set.of("uuid", "name", "type", "remote", "local", "ike-proposal", "esp-proposal", "split-tunneling",
                    "dns-servers", "mtu", "nat-keepalive"),
            "remote", Set.of("addr", "port", "id", "cert", "certreq", "revocation"),
            "local", Set.of("id", "p12", "eap_id", "rsa-pss"),
            "split-tunneling", Set.of("subnets", "excluded", "block-ipv4", "block-ipv6"));

    @TempDir
    Path dir;

    private JsonNode sswan(ProfileFixture fixture) throws Exception {
        ProfileFixture.Run run = fixture.profile("android");
        assertEquals(0, run.status(), run.err());
        JsonNode root = new ObjectMapper().readTree(fixture.outText(ProfileFixture.CLIENT + ".sswan"));
        checkSchema(root, "");
        return root;
    }

    @Test
    @DisplayName("issue 9: the Android profile has strongSwan's ikev2-cert fields: gateway address and identity, the CA,"
            + " the client's PKCS#12 and identity, the first suite as proposals, the static split routes")
    void androidProfile() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir, ", \"ikePort\": 5000, \"natPort\": 5001",
                "{\"type\": \"split-dns\", \"staticRoutes\": [\"10.1.0.0/16\", \"2001:db8:1::/48\"]}", null);
        JsonNode root = sswan(fixture);
        UUID.fromString(root.get("uuid").asText());
        assertEquals("ikev2-cert", root.get("type").asText());
        assertEquals(ProfileFixture.SERVER, root.at("/remote/addr").asText());
        assertEquals(5000, root.at("/remote/port").asInt());
        assertTrue(root.at("/remote/port").isInt());
        assertEquals(ProfileFixture.SERVER, root.at("/remote/id").asText());
        assertArrayEquals(caDer(), Base64.getDecoder().decode(root.at("/remote/cert").asText()));
        assertEquals(ProfileFixture.CLIENT, root.at("/local/id").asText());
        ProfileFixture.pkcs12(Base64.getDecoder().decode(root.at("/local/p12").asText()));
        assertEquals("aes256gcm16-prfsha256-ecp256", root.get("ike-proposal").asText());
        assertEquals("aes256gcm16-ecp256", root.get("esp-proposal").asText());
        assertEquals("10.1.0.0/16 2001:db8:1::/48", root.at("/split-tunneling/subnets").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                fixture.out(ProfileFixture.CLIENT + ".sswan"))), "it carries the PKCS#12");
    }

    @Test
    @DisplayName("issue 9: with routes known only at run time (split-dns tunnel domains) the Android profile sets no"
            + " split-tunneling subnets, so the gateway's traffic selectors decide; port 500 is left out")
    void androidProfileDynamicRoutes() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir, "",
                "{\"type\": \"split-dns\", \"tunnelDomains\": [\"corp.example\"], \"staticRoutes\": [\"10.1.0.0/16\"]}", null);
        JsonNode root = sswan(fixture);
        assertFalse(root.has("split-tunneling"));
        assertFalse(root.get("remote").has("port"));
    }

    private byte[] caDer() throws Exception {
        String pem = Files.readString(dir.resolve("clients").resolve("ca.pem"));
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static void checkSchema(JsonNode node, String path) {
        assertTrue(node.isObject(), path + " is an object");
        Set<String> allowed = SCHEMA.get(path);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            assertTrue(allowed.contains(name), "\"" + name + "\" is not a documented key of " + (path.isEmpty() ? "the profile" : path));
            JsonNode value = field.getValue();
            if (SCHEMA.containsKey(name)) {
                checkSchema(value, name);
            } else if (name.equals("port") || name.equals("mtu") || name.equals("nat-keepalive")) {
                assertTrue(value.isInt(), name + " is a number");
            } else if (name.startsWith("block-") || name.equals("certreq") || name.equals("rsa-pss")) {
                assertTrue(value.isBoolean(), name + " is a boolean");
            } else {
                assertTrue(value.isTextual(), name + " is a string");
            }
        }
        if (path.isEmpty()) {
            for (String required : Set.of("uuid", "name", "type", "remote", "local")) {
                assertTrue(node.has(required), required + " is required");
            }
            assertTrue(node.at("/remote/addr").isTextual(), "remote.addr is required");
        }
    }
}
