package dev.quetzal.plugin.rawudp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import java.util.List;

public record RawUdpBackendConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Where packets for the network are sent, one per datagram, e.g. 127.0.0.1:5556.")
        HostPort peer,
        @JsonPropertyDescription("Local address and port to send from and receive the network's packets on (default 127.0.0.1:0).")
        HostPort bind,
        @JsonPropertyDescription("Addresses to report as assigned by the uplink.")
        List<IpAddress> addresses,
        @JsonPropertyDescription("DNS servers to report for the remote network.")
        List<IpAddress> dnsServers,
        @JsonPropertyDescription("DNS suffixes to report for the remote network.")
        List<String> dnsSuffixes,
        @JsonPropertyDescription("Largest packet to report for the uplink (default 1500).")
        Integer mtu) {
    public RawUdpBackendConfig {
        ConfigValueException.require(peer, "peer", "host:port");
        if (peer.port() == 0) {
            throw new ConfigValueException("peer", "expected a port 1..65535, got 0");
        }
        bind = bind == null ? new HostPort("127.0.0.1", 0) : bind;
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        dnsSuffixes = dnsSuffixes == null ? List.of() : List.copyOf(dnsSuffixes);
        mtu = mtu == null ? 1500 : mtu;
        ConfigValueException.checkRange(mtu, 576, 65535, "mtu");
    }
}
