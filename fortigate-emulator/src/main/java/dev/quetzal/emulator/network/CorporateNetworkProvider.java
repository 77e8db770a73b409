package dev.quetzal.emulator.network;

import dev.quetzal.emulator.EmulatorConfig;

/**
 * A corporate network implementation found with {@link java.util.ServiceLoader}, so that modes such
 * as {@code tun} plug in without the emulator's core naming their classes.
 */
public interface CorporateNetworkProvider {
    /** The config's {@code network.mode} text this provider serves, e.g. {@code tun}. */
    String mode();

    CorporateNetwork create(EmulatorConfig config);
}
