package dev.quetzal.plugin.ikev2.profile;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a device profile needs of the gateway, read from its config by {@link GatewayConfigReader}.
 *
 * @param identity the frontend's IDr (an FQDN), what clients must name as remote identifier
 * @param serverCertificate the frontend's certificate, checked against the client's CA
 * @param ikePort the port clients dial for IKE (natPort when {@code singlePort})
 * @param suites the frontend's suites, best first
 * @param ikeLifetime the IKE SA lifetime (RFC 7296 §2.8)
 * @param childLifetime the Child SA lifetime
 * @param mobike whether the frontend accepts MOBIKE (RFC 4555)
 * @param routes the configured route set
 * @param configFile the config file read, for messages
 * @param statusUrl the gateway's {@code /status} on this host, when its config enables it
 */
record GatewaySettings(String identity, X509Certificate serverCertificate, int ikePort, List<ProfileSuite> suites,
        Duration ikeLifetime, Duration childLifetime, boolean mobike, ConfiguredRoutes routes, Path configFile,
        Optional<URI> statusUrl) {
    GatewaySettings {
        suites = List.copyOf(suites);
    }

    /** The first suite of the frontend's list, its most preferred. */
    ProfileSuite firstSuite() {
        return suites.getFirst();
    }

    /**
     * The routes clients get, as far as the config tells them.
     *
     * @param includes prefixes published from the config alone (split-dns staticRoutes and the uplink's DNS servers,
     *     the nat64 prefix, the tun backend's routes)
     * @param excludes split-dns excludeRoutes
     * @param dnsDomains split-DNS domains offered (RFC 8598)
     * @param dynamicSources what adds routes only at run time (the fortivpn backend, split-dns tunnelDomains); empty
     *     when {@code includes} is the whole route set
     */
    record ConfiguredRoutes(List<String> includes, List<String> excludes, List<String> dnsDomains,
            List<String> dynamicSources) {
        ConfiguredRoutes {
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
            dnsDomains = List.copyOf(dnsDomains);
            dynamicSources = List.copyOf(dynamicSources);
        }

        /** No include route now or later: everything goes through the tunnel. */
        boolean fullTunnel() {
            return includes.isEmpty() && dynamicSources.isEmpty();
        }

        /** The include routes are known from the config alone. */
        boolean staticSplit() {
            return !includes.isEmpty() && dynamicSources.isEmpty();
        }
    }
}
