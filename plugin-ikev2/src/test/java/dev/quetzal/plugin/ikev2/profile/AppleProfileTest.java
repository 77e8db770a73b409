package dev.quetzal.plugin.ikev2.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .mobileconfig} of {@code quetzal profile macos|ios} (issue 9, "Device profiles"), read back with a
 * property-list parser and checked against Apple's Configuration Profile Reference (top level, the
 * com.apple.security.pkcs12 and com.apple.security.root payloads, com.apple.vpn.managed with its IKEv2 dictionary).
 */
final class AppleProfileTest {
    @TempDir
    Path dir;

    private Map<String, Object> profile(ProfileFixture fixture, String platform, String... more) throws Exception {
        ProfileFixture.Run run = fixture.profile(platform, more);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("wrote " + fixture.out(ProfileFixture.CLIENT + ".mobileconfig")), run.out());
        return map(PlistParsing.parse(fixture.outText(ProfileFixture.CLIENT + ".mobileconfig")));
    }

    @Test
    @DisplayName("issue 9: a macOS profile is a valid property list with the PKCS#12, the CA and an IKEv2 VPN matching"
            + " the gateway's identity, first suite and lifetimes, on-demand off")
    void macosProfile() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir,
                ", \"suites\": [\"aes256-sha256-modp2048\", \"aes256gcm16-prfsha256-ecp256\"],"
                        + " \"lifetimes\": {\"ikeSa\": \"8h\", \"childSa\": \"30m\"}", "", null);
        Map<String, Object> profile = profile(fixture, "macos", "--server", "198.18.0.1");

        assertEquals("Configuration", profile.get("PayloadType"));
        assertEquals(BigInteger.ONE, profile.get("PayloadVersion"));
        assertEquals(Boolean.FALSE, profile.get("PayloadRemovalDisallowed"));
        assertEquals("dev.quetzal.vpn.vpn.test.alice-vpn.test", profile.get("PayloadIdentifier"));
        UUID.fromString((String) profile.get("PayloadUUID"));
        List<?> payloads = (List<?>) profile.get("PayloadContent");
        assertEquals(3, payloads.size());
        for (Object payload : payloads) {
            Map<String, Object> map = map(payload);
            for (String key : List.of("PayloadType", "PayloadIdentifier", "PayloadUUID", "PayloadVersion", "PayloadDisplayName")) {
                assertTrue(map.containsKey(key), key + " missing in " + map.get("PayloadType"));
            }
            assertTrue(((String) map.get("PayloadIdentifier")).startsWith((String) profile.get("PayloadIdentifier")));
        }

        Map<String, Object> pkcs12 = map(payloads.get(0));
        assertEquals("com.apple.security.pkcs12", pkcs12.get("PayloadType"));
        byte[] p12 = (byte[]) pkcs12.get("PayloadContent");
        assertArrayEquals(Files.readAllBytes(dir.resolve("clients").resolve(ProfileFixture.CLIENT + ".p12")), p12);
        KeyStore store = ProfileFixture.pkcs12(p12);
        assertTrue(store.isKeyEntry(store.aliases().nextElement()), "the PKCS#12 holds the client's key");
        assertTrue(!pkcs12.containsKey("Password"), "the password is asked on install, never stored in the profile");

        Map<String, Object> root = map(payloads.get(1));
        assertEquals("com.apple.security.root", root.get("PayloadType"));
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream((byte[]) root.get("PayloadContent")));
        assertTrue(ca.getBasicConstraints() >= 0, "the root payload is the CA");

        Map<String, Object> vpn = map(payloads.get(2));
        assertEquals("com.apple.vpn.managed", vpn.get("PayloadType"));
        assertEquals("IKEv2", vpn.get("VPNType"));
        Map<String, Object> ikev2 = map(vpn.get("IKEv2"));
        assertEquals("198.18.0.1", ikev2.get("RemoteAddress"));
        assertEquals(ProfileFixture.SERVER, ikev2.get("RemoteIdentifier"));
        assertEquals(ProfileFixture.CLIENT, ikev2.get("LocalIdentifier"));
        assertEquals("Certificate", ikev2.get("AuthenticationMethod"));
        assertEquals("ECDSA256", ikev2.get("CertificateType"));
        assertEquals(pkcs12.get("PayloadUUID"), ikev2.get("PayloadCertificateUUID"));
        assertEquals(BigInteger.ZERO, ikev2.get("OnDemandEnabled"));
        assertEquals(BigInteger.ONE, ikev2.get("EnablePFS"));
        assertEquals(BigInteger.ZERO, ikev2.get("DisableMOBIKE"));
        assertTrue(List.of("None", "Low", "Medium", "High").contains(ikev2.get("DeadPeerDetectionRate")));
        Map<String, Object> ike = map(ikev2.get("IKESecurityAssociationParameters"));
        Map<String, Object> child = map(ikev2.get("ChildSecurityAssociationParameters"));
        for (Map<String, Object> parameters : List.of(ike, child)) {
            assertEquals("AES-256", parameters.get("EncryptionAlgorithm"), "the first suite, aes256-sha256-modp2048");
            assertEquals("SHA2-256", parameters.get("IntegrityAlgorithm"));
            assertEquals(BigInteger.valueOf(14), parameters.get("DiffieHellmanGroup"));
        }
        assertEquals(BigInteger.valueOf(480), ike.get("LifeTimeInMinutes"));
        assertEquals(BigInteger.valueOf(30), child.get("LifeTimeInMinutes"));
    }

    @Test
    @DisplayName("issue 9: the iOS profile with the default suites uses AES-256-GCM, SHA2-256 and group 19, dials the"
            + " identity by default, and is the same profile made again (stable UUIDs, so it replaces the installed one)")
    void iosProfileDefaults() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        Map<String, Object> profile = profile(fixture, "ios");
        Map<String, Object> ikev2 = map(map(((List<?>) profile.get("PayloadContent")).get(2)).get("IKEv2"));
        assertEquals(ProfileFixture.SERVER, ikev2.get("RemoteAddress"));
        Map<String, Object> ike = map(ikev2.get("IKESecurityAssociationParameters"));
        assertEquals("AES-256-GCM", ike.get("EncryptionAlgorithm"));
        assertEquals("SHA2-256", ike.get("IntegrityAlgorithm"));
        assertEquals(BigInteger.valueOf(19), ike.get("DiffieHellmanGroup"));
        assertEquals(BigInteger.valueOf(240), ike.get("LifeTimeInMinutes"));
        assertEquals(BigInteger.valueOf(60), map(ikev2.get("ChildSecurityAssociationParameters")).get("LifeTimeInMinutes"));

        Map<String, Object> again = map(PlistParsing.parse(fixture.outText(ProfileFixture.CLIENT + ".mobileconfig")));
        ProfileFixture.Run second = fixture.profile("ios", "--out", "out2");
        assertEquals(0, second.status(), second.err());
        Map<String, Object> other = map(PlistParsing.parse(Files.readString(dir.resolve("out2")
                .resolve(ProfileFixture.CLIENT + ".mobileconfig"))));
        assertEquals(again.get("PayloadUUID"), other.get("PayloadUUID"));
    }

    @Test
    @DisplayName("issue 9: dd-plist (a property-list library) reads the same profile: every dict, key and value the"
            + " JDK-based reading found, with the same types")
    void readByDdPlist() throws Exception {
        ProfileFixture fixture = ProfileFixture.create(dir);
        Map<String, Object> profile = profile(fixture, "macos");
        NSObject parsed = PropertyListParser.parse(Files.readAllBytes(fixture.out(ProfileFixture.CLIENT + ".mobileconfig")));
        assertTrue(parsed instanceof NSDictionary, "the root is a dict");
        assertEquals(normalized(profile), normalized(parsed.toJavaObject()));
        NSDictionary ikev2 = (NSDictionary) ((NSDictionary) ((NSArray) ((NSDictionary) parsed).objectForKey("PayloadContent"))
                .objectAtIndex(2)).objectForKey("IKEv2");
        assertTrue(((NSNumber) ((NSDictionary) ikev2.objectForKey("IKESecurityAssociationParameters"))
                .objectForKey("DiffieHellmanGroup")).type() == NSNumber.INTEGER, "an integer, not a string");
    }

    /** Numbers as BigInteger and data as lists of bytes, so the two readings compare with equals. */
    private static Object normalized(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((key, element) -> copy.put(key, normalized(element)));
                yield copy;
            }
            case List<?> list -> list.stream().map(AppleProfileTest::normalized).toList();
            case Object[] array -> Arrays.stream(array).map(AppleProfileTest::normalized).toList();
            case byte[] data -> HexFormat.of().formatHex(data);
            case Number number -> new BigInteger(number.toString());
            default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected a dict, got " + value);
        return (Map<String, Object>) value;
    }
}
