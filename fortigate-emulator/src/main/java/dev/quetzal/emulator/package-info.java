/**
 * FortiGate SSL-VPN emulator: the test peer of the {@code fortivpn} backend, the target of the
 * OpenConnect interop tests and benchmarks, and the {@code fortigate-emulator} command.
 *
 * <p>Public API: {@link dev.quetzal.emulator.FortiGateEmulator} (start, address, url, certificate
 * pin, sessions, close), {@link dev.quetzal.emulator.EmulatorConfig} (builder and JSON),
 * {@link dev.quetzal.emulator.EmulatorHooks} (misbehaviour switches), {@link
 * dev.quetzal.emulator.EmulatorStats} and {@link dev.quetzal.emulator.SessionInfo}.
 *
 * <p>Inside: {@code server} accepts connections (one virtual thread each), {@code http} parses
 * requests, {@code portal} serves the endpoints of fortivpn-protocol.md §2-§4 ({@code auth} holds
 * TOTP), {@code session} keeps logins by cookie, {@code tunnel} runs PPP over the same TLS
 * connection with {@code dev.quetzal.fortivpn.ppp}, {@code network} is the corporate network behind
 * it, {@code tls} the certificates, {@code config} the settings records and JSON loading, {@code cli}
 * the command.
 */
package dev.quetzal.emulator;
