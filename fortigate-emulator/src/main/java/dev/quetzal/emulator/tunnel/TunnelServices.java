package dev.quetzal.emulator.tunnel;

import dev.quetzal.emulator.EmulatorHooks;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.network.CorporateNetwork;
import java.security.SecureRandom;

/** What every tunnel connection shares. */
record TunnelServices(
        TunnelSettings settings,
        EmulatorStats stats,
        EmulatorHooks hooks,
        CorporateNetwork network,
        TunnelRegistry registry,
        ServerPinger pinger,
        SecureRandom random) {}
