package dev.quetzal.emulator.tun;

/**
 * What a {@link TunCorporateNetwork} has done since it was made.
 *
 * @param fromClients packets written to the device
 * @param toClients packets read from the device and handed to the client sink
 * @param malformed client packets dropped because their IP header did not hold up
 * @param failedWrites client packets the device refused, or that came before start or after close
 * @param failedDeliveries packets whose client sink threw
 */
public record TunNetworkCounters(long fromClients, long toClients, long malformed, long failedWrites,
        long failedDeliveries) {
}
