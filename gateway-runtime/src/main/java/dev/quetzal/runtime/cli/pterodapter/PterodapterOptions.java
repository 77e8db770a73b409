package dev.quetzal.runtime.cli.pterodapter;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * pterodapter's ikev2-mode command line, parsed and checked (pterodapter-inventory §6). Null means the
 * option was not given; defaults are pterodapter's.
 *
 * @param logLevel trace, debug, info, warn, error or off
 * @param listenIps at least one; pterodapter's default is {@code ::}
 * @param destinationFlag the spelling used, {@code --destination} or {@code --fortivpn}, for messages
 * @param nat64Prefix an IPv6 /96, or null
 * @param pcap capture file, or null
 * @param printConfig only print the JSON config
 * @param writeConfig where to write the JSON config, or null
 */
public record PterodapterOptions(
        String logLevel,
        List<IpAddress> listenIps,
        int ikePort,
        int natPort,
        HostPort destination,
        String destinationFlag,
        List<String> tunnelDomains,
        IpPrefix nat64Prefix,
        List<String> dns64Suffixes,
        String idHostname,
        Path cacert,
        Path cert,
        Path key,
        Path pcap,
        boolean printConfig,
        Path writeConfig) {
    /** pterodapter's default IKE port. */
    public static final int IKE_PORT = 500;
    /** pterodapter's default NAT-T port. */
    public static final int NAT_PORT = 4500;

    public PterodapterOptions {
        listenIps = List.copyOf(listenIps);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(destinationFlag, "destinationFlag");
        tunnelDomains = List.copyOf(tunnelDomains);
        dns64Suffixes = List.copyOf(dns64Suffixes);
        Objects.requireNonNull(cacert, "cacert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
