package dev.quetzal.emulator.network;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.tun.TunCorporateNetwork;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The corporate network factories by mode: {@code in-process} built in, others registered by code or
 * found as {@link CorporateNetworkProvider} services.
 */
public final class CorporateNetworks {
    private final Map<String, Function<EmulatorConfig, CorporateNetwork>> factories = new TreeMap<>();

    private CorporateNetworks() {}

    /** {@code in-process}, {@code tun} (Linux, CAP_NET_ADMIN) and every provider on the class path. */
    public static CorporateNetworks standard() {
        CorporateNetworks networks = new CorporateNetworks();
        networks.register("in-process", InProcessNetwork::new);
        networks.register("tun", config -> new TunCorporateNetwork(config.network().tunDevice()));
        for (CorporateNetworkProvider provider : ServiceLoader.load(CorporateNetworkProvider.class)) {
            networks.register(provider.mode(), provider::create);
        }
        return networks;
    }

    public CorporateNetworks register(String mode, Function<EmulatorConfig, CorporateNetwork> factory) {
        factories.put(mode, factory);
        return this;
    }

    public boolean supports(String mode) {
        return factories.containsKey(mode);
    }

    /** The config's own instance if it has one, else a new network of its mode. */
    public CorporateNetwork create(EmulatorConfig config) {
        if (config.corporateNetwork() != null) {
            return config.corporateNetwork();
        }
        String mode = config.network().mode().text();
        Function<EmulatorConfig, CorporateNetwork> factory = factories.get(mode);
        if (factory == null) {
            throw new IllegalStateException("network mode \"" + mode + "\" is not available (known: "
                    + String.join(", ", factories.keySet()) + ")");
        }
        return factory.apply(config);
    }
}
