/**
 * Backend {@code tun}: client packets go to a Linux TUN device, into the host's own network, and
 * what the kernel routes to the device goes back to the clients; Quetzal as a plain VPN server.
 * Needs CAP_NET_ADMIN.
 *
 * <p>Setting the device up is the operator's by default ({@code "configure": false}): bring the
 * link up, give it the MTU, and route the client address pool into it, e.g. {@code ip link set
 * quetzal0 mtu 1400 up; ip route add 100.64.0.0/24 dev quetzal0}, plus forwarding and NAT when
 * clients should reach further. With {@code "configure": true} Quetzal runs those {@code ip}
 * commands itself at start (class {@code LinkSetup}); forwarding and NAT stay
 * outside. The device, its addresses and routes vanish when the gateway stops.
 */
package dev.quetzal.plugin.tun;
