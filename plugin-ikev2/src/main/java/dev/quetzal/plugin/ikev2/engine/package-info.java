/**
 * The seam between the IKE control plane and the packet data plane of the {@code ikev2} frontend.
 *
 * <p>{@link dev.quetzal.plugin.ikev2.engine.IkeEngine} (the IKE state machines, role-neutral) receives
 * IKE datagrams and sends through {@link dev.quetzal.plugin.ikev2.engine.IkeTransport}; when a Child SA
 * is negotiated it hands an {@link dev.quetzal.plugin.ikev2.engine.ChildSaSpec} to the {@link
 * dev.quetzal.plugin.ikev2.engine.Dataplane}, which owns sockets, the SPI table, the ESP SAs and the
 * client sessions. What the engine needs from the gateway (addresses, DNS, routes) comes through
 * {@link dev.quetzal.plugin.ikev2.engine.IkeEnvironment}. Both sides are tested alone against fakes of
 * these interfaces, and together in the frontend.
 */
package dev.quetzal.plugin.ikev2.engine;
