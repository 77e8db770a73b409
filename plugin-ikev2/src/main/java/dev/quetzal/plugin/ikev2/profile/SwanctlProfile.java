package dev.quetzal.plugin.ikev2.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * strongSwan on Linux: a {@code swanctl.conf} (swanctl.conf(5)) with one connection {@value #CONNECTION} and the
 * files it names in swanctl's folders ({@code x509/}, {@code x509ca/}, {@code private/}), all under {@code swanctl/}
 * so that folder can be used as {@code SWANCTL_DIR} or copied into {@code /etc/swanctl}. Every suite of the gateway
 * is proposed in its order; the child asks for the configured include routes, or for everything when the route set
 * is only known at run time (the gateway narrows the selectors to its route set, RFC 7296 §2.9).
 */
final class SwanctlProfile {
    static final String CONNECTION = "quetzal";
    static final String FOLDER = "swanctl/";

    private SwanctlProfile() {}

    static List<ProfileFile> files(ProfileInput input) {
        ClientBundle client = input.client();
        return List.of(
                ProfileFile.text(FOLDER + "swanctl.conf", conf(input)),
                new ProfileFile(FOLDER + "x509/" + client.name() + ".pem", client.certificatePem(), false),
                new ProfileFile(FOLDER + "x509ca/" + ClientBundle.CA_FILE, client.caPem(), false),
                new ProfileFile(FOLDER + "private/" + client.name() + "-key.pem", client.keyPem(), true));
    }

    static String conf(ProfileInput input) {
        GatewaySettings gateway = input.gateway();
        String ike = gateway.suites().stream().map(ProfileSuite::ikeProposal).collect(Collectors.joining(", "));
        String esp = gateway.suites().stream().map(ProfileSuite::espProposal).collect(Collectors.joining(", "));
        StringBuilder conf = new StringBuilder(1024);
        conf.append("# ").append(input.displayName()).append(" for ").append(input.client().identity())
                .append(", made by quetzal profile linux from ").append(gateway.configFile().getFileName()).append('\n');
        conf.append("connections {\n");
        conf.append("    ").append(CONNECTION).append(" {\n");
        conf.append("        version = 2\n");
        conf.append("        remote_addrs = ").append(input.server()).append('\n');
        if (gateway.ikePort() != 500) {
            conf.append("        remote_port = ").append(gateway.ikePort()).append('\n');
        }
        conf.append("        vips = 0.0.0.0\n");
        conf.append("        proposals = ").append(ike).append('\n');
        conf.append("        fragmentation = yes\n");
        conf.append("        mobike = ").append(gateway.mobike() ? "yes" : "no").append('\n');
        conf.append("        local {\n");
        conf.append("            auth = pubkey\n");
        conf.append("            certs = ").append(input.client().name()).append(".pem\n");
        conf.append("            id = ").append(input.client().identity()).append('\n');
        conf.append("        }\n");
        conf.append("        remote {\n");
        conf.append("            auth = pubkey\n");
        conf.append("            id = ").append(gateway.identity()).append('\n');
        conf.append("            cacerts = ").append(ClientBundle.CA_FILE).append('\n');
        conf.append("        }\n");
        conf.append("        children {\n");
        conf.append("            ").append(CONNECTION).append(" {\n");
        conf.append("                remote_ts = ").append(remoteTs(gateway.routes())).append('\n');
        conf.append("                esp_proposals = ").append(esp).append('\n');
        conf.append("            }\n");
        conf.append("        }\n");
        conf.append("    }\n");
        conf.append("}\n");
        return conf.toString();
    }

    private static String remoteTs(GatewaySettings.ConfiguredRoutes routes) {
        return routes.staticSplit() ? String.join(", ", routes.includes()) : "0.0.0.0/0, ::/0";
    }
}
