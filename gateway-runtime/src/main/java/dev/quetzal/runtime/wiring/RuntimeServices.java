package dev.quetzal.runtime.wiring;

import dev.quetzal.api.packet.PacketBufferPool;
import dev.quetzal.api.service.AddressPool;
import dev.quetzal.api.service.Resolver;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.napt.Napt;
import dev.quetzal.runtime.router.DefaultPacketRouter;
import dev.quetzal.runtime.service.DefaultRouteRegistry;
import dev.quetzal.runtime.service.DefaultUplinkStatus;
import dev.quetzal.runtime.service.PagePrompts;
import jakarta.inject.Inject;
import java.security.SecureRandom;

/** The runtime services shared by every component's context. */
public record RuntimeServices(
        DefaultPacketRouter router,
        PacketBufferPool buffers,
        AddressPool addressPool,
        TimeSource time,
        SecureRandom secureRandom,
        Scheduler scheduler,
        MetricsRegistry metrics,
        DefaultRouteRegistry routes,
        Resolver resolver,
        DefaultUplinkStatus uplink,
        Napt napt,
        PagePrompts prompts) {
    @Inject
    public RuntimeServices {}
}
