/**
 * FortiGate SSL-VPN emulator: the test peer of the {@code fortivpn} backend and the embedded uplink
 * of {@code quetzal demo}. Its protocol work (HTTP login, XML config, PPP over TLS, corporate
 * network) is the subject of its own issue; this module exists so the reactor and dist have their
 * final shape.
 */
package dev.quetzal.emulator;
