package dev.quetzal.plugin.tun;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.util.List;

/**
 * The {@code tun} backend's section. With {@code configure} false (the default) Quetzal only opens
 * the device and an operator or a script sets it up; with true Quetzal runs {@code ip} itself (see
 * {@link LinkSetup}).
 */
public record TunConfig(
        @JsonPropertyDescription("The TUN interface to create, or a template whose %d the kernel numbers (default quetzal%d).")
        String device,
        @JsonPropertyDescription("Addresses to report as the uplink's; with configure, also put on the device as host addresses.")
        List<IpAddress> addresses,
        @JsonPropertyDescription("DNS servers to report for the network behind the device.")
        List<IpAddress> dnsServers,
        @JsonPropertyDescription("DNS suffixes to report for the network behind the device.")
        List<String> dnsSuffixes,
        @JsonPropertyDescription("Prefixes reachable through the device, offered to clients as include routes (source \"tun\"); none: full tunnel.")
        List<IpPrefix> routes,
        @JsonPropertyDescription("The device's MTU, reported as the uplink's (default 1400).")
        Integer mtu,
        @JsonPropertyDescription("Bring the device up and route the client address pool into it with ip(8) (default false: done outside).")
        Boolean configure) {
    public static final String DEFAULT_DEVICE = "quetzal%d";
    /** IFNAMSIZ (linux/if.h) less the terminating NUL. */
    static final int MAX_NAME = 15;

    public TunConfig {
        device = device == null ? DEFAULT_DEVICE : checkDeviceName(device);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        dnsSuffixes = dnsSuffixes == null ? List.of() : List.copyOf(dnsSuffixes);
        routes = routes == null ? List.of() : List.copyOf(routes);
        mtu = mtu == null ? 1400 : mtu;
        ConfigValueException.checkRange(mtu, 576, 65535, "mtu");
        configure = configure != null && configure;
        for (int i = 0; i < dnsSuffixes.size(); i++) {
            if (dnsSuffixes.get(i).isBlank()) {
                throw new ConfigValueException("dnsSuffixes[" + i + "]",
                        "expected a domain name, got \"" + dnsSuffixes.get(i) + "\"");
            }
        }
    }

    /** The kernel's rules for an interface name (net/core/dev.c dev_valid_name) and at most one "%d". */
    private static String checkDeviceName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new ConfigValueException("device", "expected an interface name of 1 to " + MAX_NAME
                    + " characters, got \"" + name + "\"");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new ConfigValueException("device", "expected an interface name, got \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~' || c == '/' || c == ':') {
                throw new ConfigValueException("device", "expected an interface name without spaces, '/', ':'"
                        + " or non-ASCII characters, got \"" + name + "\"");
            }
        }
        int percent = name.indexOf('%');
        if (percent >= 0 && (!name.startsWith("%d", percent) || name.indexOf('%', percent + 1) >= 0)) {
            throw new ConfigValueException("device", "expected at most one '%', as the \"%d\" the kernel numbers,"
                    + " got \"" + name + "\"");
        }
        return name;
    }
}
