package dev.quetzal.plugin.ikev2.profile;

import java.util.List;

/**
 * The route set the Windows script puts on the connection, and where it came from: the running gateway's {@code
 * /status} (complete, with the uplink's DNS servers for NRPT rules) or the config (only what it defines itself).
 *
 * @param origin where the routes come from, for the script's comments and the command's output
 * @param includes include prefixes
 * @param excludes exclude prefixes
 * @param dnsServers the tunnel's DNS servers; empty when unknown
 * @param dynamicSources what adds routes at run time that {@code includes} lacks; empty for a running gateway's set
 */
record WindowsRoutes(String origin, List<String> includes, List<String> excludes, List<String> dnsDomains,
        List<String> dnsServers, List<String> dynamicSources) {
    WindowsRoutes {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        dnsDomains = List.copyOf(dnsDomains);
        dnsServers = List.copyOf(dnsServers);
        dynamicSources = List.copyOf(dynamicSources);
    }

    static WindowsRoutes configured(GatewaySettings gateway) {
        GatewaySettings.ConfiguredRoutes routes = gateway.routes();
        return new WindowsRoutes("the config " + gateway.configFile().getFileName(), routes.includes(), routes.excludes(),
                routes.dnsDomains(), List.of(), routes.dynamicSources());
    }

    boolean fullTunnel() {
        return includes.isEmpty() && dynamicSources.isEmpty();
    }
}
