package dev.quetzal.emulator.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.NetworkMode;
import dev.quetzal.emulator.config.NetworkSettings;
import dev.quetzal.emulator.network.CorporateNetwork;
import dev.quetzal.emulator.network.CorporateNetworks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The config's {@code network.mode: tun} reaches TunCorporateNetwork (fortivpn-protocol.md §12, corporate network). */
final class TunNetworkProviderTest {
    @Test
    @DisplayName("the standard registry offers mode tun and builds a TunCorporateNetwork on the configured device")
    void standardRegistryBuildsTheTunNetwork() {
        CorporateNetworks networks = CorporateNetworks.standard();
        assertTrue(networks.supports("tun"));
        EmulatorConfig config = EmulatorConfig.builder()
                .network(new NetworkSettings(NetworkMode.TUN, "qztest0", null, null))
                .build();
        // Nothing is opened before start(), so no privilege is needed here.
        try (CorporateNetwork network = networks.create(config)) {
            TunCorporateNetwork tun = assertInstanceOf(TunCorporateNetwork.class, network);
            assertEquals("qztest0", tun.deviceName());
        }
    }
}
