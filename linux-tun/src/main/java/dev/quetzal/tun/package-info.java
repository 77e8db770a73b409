/**
 * Linux TUN devices through the Foreign Function and Memory API: {@link dev.quetzal.tun.TunDevice}
 * opens {@code /dev/net/tun}, attaches a layer-3 interface without packet information (each read
 * or write is one IPv4 or IPv6 packet) and reports failures as {@link dev.quetzal.tun.ErrnoException}.
 * Addresses, routes and the link state are configured outside, with {@code ip}.
 *
 * <p>The JVM warns on the first native call unless it runs with
 * {@code --enable-native-access=ALL-UNNAMED} (or the module's name).
 */
package dev.quetzal.tun;
