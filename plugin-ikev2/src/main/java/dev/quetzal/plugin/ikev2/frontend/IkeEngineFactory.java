package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.frontend.FrontendContext;
import dev.quetzal.plugin.ikev2.Ikev2Config;
import dev.quetzal.plugin.ikev2.engine.Dataplane;
import dev.quetzal.plugin.ikev2.engine.IkeEngine;
import dev.quetzal.plugin.ikev2.engine.IkeEnvironment;
import dev.quetzal.plugin.ikev2.engine.IkeTransport;
import java.net.InetSocketAddress;
import java.util.List;

/** Makes the IKE engine once the frontend's sockets are bound; the frontend calls it from {@code start}. */
@FunctionalInterface
public interface IkeEngineFactory {
    IkeEngine create(Bindings bindings);

    /**
     * What the engine works with.
     *
     * @param localEndpoints the bound sockets: the NAT-T (or single) port first, then the IKE port if any
     */
    record Bindings(
            Ikev2Config config,
            FrontendContext context,
            IkeTransport transport,
            Dataplane dataplane,
            IkeEnvironment environment,
            List<InetSocketAddress> localEndpoints) {
        public Bindings {
            localEndpoints = List.copyOf(localEndpoints);
        }
    }
}
