/**
 * The {@code fortivpn} backend: a FortiGate SSL-VPN client (PPP over TLS), see
 * {@code fortivpn-protocol.md}.
 *
 * <ul>
 *   <li>{@link dev.quetzal.plugin.fortivpn.FortiVpnConfig}: settings and the one login method they select.</li>
 *   <li>{@code ConnectionManager}: attempts (login, XML config, tunnel request, PPP), reconnects with
 *       backoff, reuses the session cookie until the FortiGate rejects it.</li>
 *   <li>{@code tls}: TLS 1.2/1.3 client with pins, a CA file and the system store; client certificates.</li>
 *   <li>{@code http}, {@code portal}: a small HTTP/1.1 client and the portal's steps on one keep-alive
 *       connection.</li>
 *   <li>{@code auth}: password with tokeninfo, HTML and FTM-push second factors, TOTP, OTP command or
 *       console, SAML through a local listener.</li>
 *   <li>{@code xml}: the hardened XML config parser.</li>
 *   <li>{@code tunnel}: reader and writer threads around a client-role
 *       {@link dev.quetzal.fortivpn.ppp.PppEndpoint}, with a lock-free queue and batched TLS writes.</li>
 * </ul>
 */
package dev.quetzal.plugin.fortivpn;
