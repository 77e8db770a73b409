package dev.quetzal.emulator.config;

import dev.quetzal.api.net.IpPrefix;
import java.util.List;

/**
 * The corporate network behind the emulator.
 *
 * @param mode in-process (default) or tun
 * @param tunDevice the TUN device name in tun mode
 * @param prefixes in-process: addresses that answer ICMP echo and UDP echo (the gateway address and
 *     the DNS servers answer too); default 198.18.0.0/24 and 2001:db8:c0::/64
 * @param zone in-process: the authoritative DNS zone (default corp.example)
 */
public record NetworkSettings(NetworkMode mode, String tunDevice, List<IpPrefix> prefixes, DnsZone zone) {
    public static final List<IpPrefix> DEFAULT_PREFIXES =
            List.of(IpPrefix.parse("198.18.0.0/24"), IpPrefix.parse("2001:db8:c0::/64"));

    public NetworkSettings {
        mode = mode == null ? NetworkMode.IN_PROCESS : mode;
        tunDevice = tunDevice == null ? "fortiemu0" : tunDevice;
        prefixes = prefixes == null ? DEFAULT_PREFIXES : List.copyOf(prefixes);
        zone = zone == null ? DnsZone.corpExample() : zone;
    }

    public static NetworkSettings defaults() {
        return new NetworkSettings(null, null, null, null);
    }
}
