package dev.quetzal.plugin.ikev2.profile;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/**
 * The strongSwan VPN Client for Android's profile file ({@code .sswan}, JSON; strongSwan's "Android VPN Client
 * Profiles" documentation): type {@code ikev2-cert}, the gateway's address, identity and CA, the client's PKCS#12
 * and identity, the gateway's first suite as IKE and ESP proposal, and the include routes as split-tunneling subnets
 * when the config alone defines them (otherwise the app routes what the gateway's traffic selectors allow). The app
 * asks for the PKCS#12 password on import.
 */
final class SswanProfile {
    private SswanProfile() {}

    static ProfileFile file(ProfileInput input) throws CertificateEncodingException {
        GatewaySettings gateway = input.gateway();
        ClientBundle client = input.client();
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder json = new StringBuilder(4096);
        json.append("{\n");
        member(json, 1, "uuid", JsonText.quote(input.uuid("sswan").toString()), true);
        member(json, 1, "name", JsonText.quote(input.displayName()), true);
        member(json, 1, "type", JsonText.quote("ikev2-cert"), true);
        json.append("  \"remote\": {\n");
        member(json, 2, "addr", JsonText.quote(input.server()), true);
        if (gateway.ikePort() != 500) {
            member(json, 2, "port", Integer.toString(gateway.ikePort()), true);
        }
        member(json, 2, "id", JsonText.quote(gateway.identity()), true);
        member(json, 2, "cert", JsonText.quote(base64.encodeToString(client.ca().getEncoded())), false);
        json.append("  },\n");
        json.append("  \"local\": {\n");
        member(json, 2, "id", JsonText.quote(client.identity()), true);
        member(json, 2, "p12", JsonText.quote(base64.encodeToString(client.pkcs12())), false);
        json.append("  },\n");
        member(json, 1, "ike-proposal", JsonText.quote(gateway.firstSuite().ikeProposal()), true);
        boolean split = gateway.routes().staticSplit();
        member(json, 1, "esp-proposal", JsonText.quote(gateway.firstSuite().espProposal()), split);
        if (split) {
            json.append("  \"split-tunneling\": {\n");
            member(json, 2, "subnets", JsonText.quote(String.join(" ", gateway.routes().includes())), false);
            json.append("  }\n");
        }
        json.append("}\n");
        // It carries the PKCS#12, so it is kept like the .p12 itself.
        return new ProfileFile(client.name() + ".sswan", json.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static void member(StringBuilder json, int depth, String name, String value, boolean more) {
        json.append("  ".repeat(depth)).append(JsonText.quote(name)).append(": ").append(value)
                .append(more ? ",\n" : "\n");
    }
}
