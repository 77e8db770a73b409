package dev.quetzal.plugin.ikev2.profile;

import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Apple configuration profile ({@code .mobileconfig}) for macOS and iOS: the client's PKCS#12
 * (com.apple.security.pkcs12; the device asks for its password on install), the CA (com.apple.security.root) and an
 * IKEv2 VPN (com.apple.vpn.managed) with certificate authentication whose parameters match the gateway's first suite
 * that Apple supports (every one of Quetzal's). Keys are those of Apple's Configuration Profile Reference
 * (VPN.IKEv2). Split routes and DNS domains need no keys: Apple follows the gateway's traffic selectors and
 * INTERNAL_DNS_DOMAIN (RFC 8598).
 */
final class AppleProfile {
    /** Apple's range for LifeTimeInMinutes. */
    private static final long MIN_MINUTES = 10;
    private static final long MAX_MINUTES = 1440;

    private AppleProfile() {}

    static ProfileFile file(ProfileInput input) throws CertificateEncodingException {
        ClientBundle client = input.client();
        GatewaySettings gateway = input.gateway();
        // Reverse-DNS style identifiers: the client's '@' (and anything else outside it) becomes '-'.
        String prefix = ("dev.quetzal.vpn." + gateway.identity() + "." + client.identity()).replaceAll("[^A-Za-z0-9.-]", "-");

        Map<String, Object> pkcs12 = payload("com.apple.security.pkcs12", prefix + ".pkcs12", input.uuid("pkcs12").toString(),
                "Certificate " + client.identity());
        pkcs12.put("PayloadCertificateFileName", client.name() + ".p12");
        pkcs12.put("PayloadContent", client.pkcs12());

        Map<String, Object> root = payload("com.apple.security.root", prefix + ".ca", input.uuid("ca").toString(),
                "CA " + commonName(client.ca().getSubjectX500Principal().getName()));
        root.put("PayloadCertificateFileName", "ca.cer");
        root.put("PayloadContent", client.ca().getEncoded());

        Map<String, Object> ikev2 = new LinkedHashMap<>();
        ikev2.put("RemoteAddress", input.server());
        ikev2.put("RemoteIdentifier", gateway.identity());
        ikev2.put("LocalIdentifier", client.identity());
        ikev2.put("AuthenticationMethod", "Certificate");
        ikev2.put("CertificateType", certificateType(client.certificate().getPublicKey()));
        ikev2.put("PayloadCertificateUUID", pkcs12.get("PayloadUUID"));
        ikev2.put("ServerCertificateIssuerCommonName", commonName(client.ca().getSubjectX500Principal().getName()));
        ikev2.put("ExtendedAuthEnabled", 0);
        ikev2.put("IKESecurityAssociationParameters", parameters(gateway.firstSuite(), gateway.ikeLifetime()));
        ikev2.put("ChildSecurityAssociationParameters", parameters(gateway.firstSuite(), gateway.childLifetime()));
        ikev2.put("EnablePFS", 1);
        ikev2.put("DeadPeerDetectionRate", "Medium");
        ikev2.put("DisableMOBIKE", gateway.mobike() ? 0 : 1);
        ikev2.put("DisableRedirect", 1);
        ikev2.put("EnableCertificateRevocationCheck", 0);
        ikev2.put("UseConfigurationAttributeInternalIPSubnet", 0);
        ikev2.put("OnDemandEnabled", 0);

        Map<String, Object> vpn = payload("com.apple.vpn.managed", prefix + ".vpn", input.uuid("vpn").toString(),
                input.displayName());
        vpn.put("UserDefinedName", input.displayName());
        vpn.put("VPNType", "IKEv2");
        vpn.put("IKEv2", ikev2);

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("PayloadContent", List.of(pkcs12, root, vpn));
        profile.put("PayloadDisplayName", input.displayName() + " (" + client.identity() + ")");
        profile.put("PayloadIdentifier", prefix);
        profile.put("PayloadRemovalDisallowed", false);
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadUUID", input.uuid("profile").toString().toUpperCase(Locale.ROOT));
        profile.put("PayloadVersion", 1);
        return ProfileFile.text(client.name() + ".mobileconfig", PlistXml.document(profile));
    }

    private static Map<String, Object> payload(String type, String identifier, String uuid, String displayName) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("PayloadType", type);
        payload.put("PayloadIdentifier", identifier);
        payload.put("PayloadUUID", uuid.toUpperCase(Locale.ROOT));
        payload.put("PayloadVersion", 1);
        payload.put("PayloadDisplayName", displayName);
        return payload;
    }

    /** EncryptionAlgorithm, IntegrityAlgorithm, DiffieHellmanGroup and LifeTimeInMinutes of one SA kind. */
    private static Map<String, Object> parameters(ProfileSuite suite, Duration lifetime) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("EncryptionAlgorithm", suite.appleEncryption());
        parameters.put("IntegrityAlgorithm", suite.appleIntegrity());
        parameters.put("DiffieHellmanGroup", suite.dhGroup());
        parameters.put("LifeTimeInMinutes", (int) Math.clamp(lifetime.toMinutes(), MIN_MINUTES, MAX_MINUTES));
        return parameters;
    }

    /** Apple's CertificateType for the client's key: RSA, or ECDSA256/384/521 by curve size. */
    static String certificateType(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> "RSA";
            case ECPublicKey ec -> "ECDSA" + ec.getParams().getCurve().getField().getFieldSize();
            default -> throw new IllegalArgumentException("no Apple certificate type for a " + key.getAlgorithm() + " key");
        };
    }

    private static String commonName(String distinguishedName) {
        return distinguishedName.startsWith("CN=") && !distinguishedName.contains(",") ? distinguishedName.substring(3)
                : distinguishedName;
    }
}
