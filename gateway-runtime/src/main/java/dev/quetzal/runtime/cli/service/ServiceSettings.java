package dev.quetzal.runtime.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the service files need of the gateway's config: whether the backend is {@code tun} (CAP_NET_ADMIN), the
 * {@code ikev2} frontend's listen address and ports (for the pf and nftables redirects) and the stop timeout. Only
 * these fields are read; {@code quetzal check-config} validates the rest.
 *
 * @param config the config file, absolute
 * @param tunBackend whether the backend needs CAP_NET_ADMIN
 * @param listenAddress the ikev2 frontend's listen address (0.0.0.0 by default)
 * @param ikePort its IKE port, or its NAT-T port alone with {@code singlePort}
 * @param natPort its NAT-T port
 */
public record ServiceSettings(Path config, boolean tunBackend, String listenAddress, int ikePort, int natPort) {
    /** Reads {@code config}; IllegalArgumentException with the file and what is wrong. */
    public static ServiceSettings read(Path config) {
        Path file = config.toAbsolutePath().normalize();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        boolean tun = "tun".equals(root.path("backend").path("type").asText());
        JsonNode ikev2 = null;
        for (JsonNode frontend : root.path("frontends")) {
            if ("ikev2".equals(frontend.path("type").asText())) {
                ikev2 = frontend;
                break;
            }
        }
        if (ikev2 == null) {
            return new ServiceSettings(file, tun, "0.0.0.0", 500, 4500);
        }
        int nat = ikev2.path("natPort").asInt(4500);
        int ike = ikev2.path("singlePort").asBoolean(false) ? nat : ikev2.path("ikePort").asInt(500);
        return new ServiceSettings(file, tun, ikev2.path("listenAddress").asText("0.0.0.0"), ike, nat);
    }
}
