package dev.quetzal.emulator.tun;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.network.CorporateNetworkProvider;

/**
 * Network mode {@code tun} ({@code "network": {"mode": "tun", "tunDevice": "..."}}): a
 * {@link TunCorporateNetwork} on the configured device, found by {@code CorporateNetworks.standard()}
 * through {@link java.util.ServiceLoader}.
 */
public final class TunNetworkProvider implements CorporateNetworkProvider {
    @Override
    public String mode() {
        return "tun";
    }

    @Override
    public CorporateNetwork create(EmulatorConfig config) {
        return new TunCorporateNetwork(config.network().tunDevice());
    }
}
