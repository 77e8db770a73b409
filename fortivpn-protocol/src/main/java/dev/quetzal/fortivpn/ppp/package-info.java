/**
 * FortiGate SSL-VPN tunnel protocol: the 6-byte Fortinet frame header on a TLS byte stream, PPP
 * (RFC 1661) with LCP, IPCP (RFC 1332, RFC 1877 DNS) and IPv6CP (RFC 5072), and one endpoint class
 * that runs both roles: the fortivpn backend as the client, the FortiGate emulator as the server.
 *
 * <p>Data frames (IPv4 0x0021, IPv6 0x0057) never pass through the negotiation classes: the owner
 * looks at {@link dev.quetzal.fortivpn.ppp.PppHeader} and moves them itself, without allocation.
 * Everything else goes to {@link dev.quetzal.fortivpn.ppp.PppEndpoint}.
 */
package dev.quetzal.fortivpn.ppp;
