package dev.quetzal.api.frontend;

import dev.quetzal.api.PluginContext;

/**
 * Services for a frontend. A frontend leases inner addresses from {@link #addressPool()}, attaches
 * each session to {@link #router()}, passes decrypted packets to {@link
 * dev.quetzal.api.service.PacketRouter#fromClient} and offers clients the routes of {@link #routes()}
 * and the DNS servers of {@link #uplink()}.
 */
public interface FrontendContext extends PluginContext {}
