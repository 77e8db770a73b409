/**
 * Quetzal's plugin SPI: the only packages a plugin class loader shares with the runtime.
 *
 * <p>A plugin is a jar (or a folder of jars) in {@code plugins/<name>/} that lists an implementation
 * of {@link dev.quetzal.api.GatewayPlugin} in {@code META-INF/services/dev.quetzal.api.GatewayPlugin}.
 * Its factories create {@linkplain dev.quetzal.api.frontend.Frontend frontends} (client-facing VPN
 * servers), {@linkplain dev.quetzal.api.backend.Backend backends} (the uplink) and
 * {@linkplain dev.quetzal.api.filter.PacketFilter packet filters}, each from a config record that the
 * runtime binds from the JSON file. Since API 1.1 a plugin may also add
 * {@linkplain dev.quetzal.api.command.PluginCommand commands} to the {@code quetzal} command line;
 * since API 1.2 a publisher may also {@linkplain
 * dev.quetzal.api.service.RouteRegistry#publishDnsDomains publish split-DNS domains} with its routes;
 * since API 1.3 a backend may say that it {@linkplain
 * dev.quetzal.api.backend.Backend#acceptsOnlyAssignedAddresses accepts only its assigned addresses};
 * since API 1.4 a factory may {@linkplain dev.quetzal.api.ComponentFactory#diagnose check its config} for
 * {@code quetzal doctor}; since API 1.5 a component may ask the person running the gateway a {@linkplain
 * dev.quetzal.api.PluginContext#userPrompts question on the status page}.
 *
 * <h2>Threads and packet ownership, in one place</h2>
 * <ul>
 *   <li>A {@link dev.quetzal.api.packet.PacketBuffer} has exactly one owner at a time. Passing it to
 *       {@link dev.quetzal.api.service.PacketRouter#fromClient}, {@link
 *       dev.quetzal.api.service.PacketRouter#fromNetwork}, {@link
 *       dev.quetzal.api.backend.Backend#send} or {@link dev.quetzal.api.frontend.ClientSession#deliver}
 *       hands it over: the caller must not touch it afterwards. The last owner calls {@link
 *       dev.quetzal.api.packet.PacketBuffer#release()}.</li>
 *   <li>Data-path calls run on the caller's thread (a frontend's receive loop, the backend's reader)
 *       and must not block on I/O or locks; hand blocking work to {@link
 *       dev.quetzal.api.service.Scheduler#blockingExecutor()}.</li>
 *   <li>Lifecycle calls ({@code start}, {@code close}) come from one control thread, in dependency
 *       order: backend, filters, frontends to start, and the reverse to stop.</li>
 * </ul>
 */
package dev.quetzal.api;
