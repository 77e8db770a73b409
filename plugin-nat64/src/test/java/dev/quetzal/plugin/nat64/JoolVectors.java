package dev.quetzal.plugin.nat64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.net.IpPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Jool's graybox vectors (GPL-2.0 test data, read from outside the repository and never packaged):
 * the folder comes from system property {@code quetzal.nat64.vectors}, else environment variable
 * {@code QUETZAL_NAT64_VECTORS}, else the pom's default beside the checkout. Missing data fails the
 * build under {@code CI=true} and skips the tests elsewhere (nat64-dns64.md "Test vectors").
 */
public final class JoolVectors {
    /** A profile's translator settings, as the manifest gives them. */
    public record Profile(String name, IpPrefix prefix, int lowestIpv6Mtu, List<Nat64Config.Mapping> mappings,
            boolean checkWellKnownPrefix) {
        public Nat64Config config() {
            return new Nat64Config(prefix, mappings, lowestIpv6Mtu, checkWellKnownPrefix, "compute");
        }
    }

    /** One case: an input packet, the packets expected from it in order, and bytes not compared. */
    public record Case(String id, Profile profile, byte[] input, List<byte[]> expected, List<Integer> ignoreOffsets) {
        @Override
        public String toString() {
            return id;
        }
    }

    private JoolVectors() {}

    public static Path folder() {
        String configured = System.getProperty("quetzal.nat64.vectors");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("QUETZAL_NAT64_VECTORS");
        }
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("quetzal.nat64.vectors.default", "../../shared/testdata/nat64/jool");
        }
        Path folder = Path.of(configured).toAbsolutePath().normalize();
        boolean present = Files.isRegularFile(folder.resolve("manifest.json"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Jool vectors not found at " + folder
                    + "; set -Dquetzal.nat64.vectors or QUETZAL_NAT64_VECTORS (required when CI=true)");
        }
        Assumptions.assumeTrue(present, "Jool vectors not found at " + folder + " (set -Dquetzal.nat64.vectors)");
        return folder;
    }

    public static List<Case> load() throws IOException {
        Path folder = folder();
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        Map<String, Profile> profiles = new java.util.HashMap<>();
        manifest.get("profiles").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            List<Nat64Config.Mapping> mappings = new ArrayList<>();
            if (p.has("explicitMappings")) {
                for (JsonNode m : p.get("explicitMappings")) {
                    mappings.add(new Nat64Config.Mapping(IpPrefix.parse(m.get("ipv6").asText()), IpPrefix.parse(m.get("ipv4").asText())));
                }
            }
            boolean check = !p.has("rejectNonGlobalUnderWellKnownPrefix") || p.get("rejectNonGlobalUnderWellKnownPrefix").asBoolean();
            profiles.put(e.getKey(), new Profile(e.getKey(), IpPrefix.parse(p.get("prefix").asText()),
                    p.get("lowestIpv6Mtu").asInt(), List.copyOf(mappings), check));
        });
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            List<byte[]> expected = new ArrayList<>();
            for (JsonNode e : c.get("expected")) {
                expected.add(Files.readAllBytes(folder.resolve(e.asText())));
            }
            List<Integer> ignore = new ArrayList<>();
            c.get("ignoreOffsets").forEach(n -> ignore.add(n.asInt()));
            cases.add(new Case(c.get("id").asText(), profiles.get(c.get("profile").asText()),
                    Files.readAllBytes(folder.resolve(c.get("input").asText())), List.copyOf(expected), List.copyOf(ignore)));
        }
        return cases;
    }

    /**
     * The manifest's comparison: equal length, equal bytes except at the ignored offsets, and a
     * valid IPv4 header checksum where checksum bytes are ignored. Returns null or what differs.
     */
    public static String compare(byte[] expected, byte[] actual, List<Integer> ignore) {
        if (expected.length != actual.length) {
            return "length " + actual.length + ", expected " + expected.length;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i] && !ignore.contains(i)) {
                return String.format("byte %d is %02x, expected %02x", i, actual[i] & 0xFF, expected[i] & 0xFF);
            }
        }
        if ((actual[0] & 0xF0) == 0x40 && (ignore.contains(10) || ignore.contains(11)) && !validHeader(actual, 0)) {
            return "IPv4 header checksum is not valid";
        }
        // The IPv4 packet inside an ICMPv4 error.
        if ((actual[0] & 0xF0) == 0x40 && actual[9] == 1 && actual.length >= 48 && (actual[28] & 0xF0) == 0x40
                && (ignore.contains(38) || ignore.contains(39)) && !validHeader(actual, 28)) {
            return "inner IPv4 header checksum is not valid";
        }
        return null;
    }

    private static boolean validHeader(byte[] packet, int at) {
        int ihl = (packet[at] & 0x0F) * 4;
        long sum = 0;
        for (int i = at; i < at + ihl; i += 2) {
            sum += (packet[i] & 0xFF) << 8 | (packet[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum == 0xFFFF;
    }
}
