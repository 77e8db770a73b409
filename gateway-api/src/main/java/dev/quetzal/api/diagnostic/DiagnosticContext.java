package dev.quetzal.api.diagnostic;

import dev.quetzal.api.net.IpAddress;
import java.time.Instant;

/**
 * What the runtime offers a factory's {@link dev.quetzal.api.ComponentFactory#diagnose diagnose}: the
 * checks every plugin would otherwise repeat.
 *
 * @since API 1.4
 */
public interface DiagnosticContext {
    /** The transport of a socket a component listens on. */
    enum Transport {
        UDP,
        TCP
    }

    /** The component's name from the config. */
    String componentName();

    /** The local clock, against which certificate validity and a server's clock are compared. */
    default Instant now() {
        return Instant.now();
    }

    /**
     * Whether this process can listen on {@code transport address:port}: tries to bind it (and releases it
     * at once), and for ports below the unprivileged limit says whether root or CAP_NET_BIND_SERVICE is
     * there. Port 0 (any free port) is always fine.
     *
     * @param field the config field that sets the port, named in the fix, such as {@code ikePort}
     */
    Finding checkListen(Transport transport, IpAddress address, int port, String field);

    /**
     * Whether {@code name} resolves through the host's resolver within a few seconds: ok with an address, else a
     * warning that names it and {@code field} (a misspelt domain routes nothing).
     *
     * @param field the config field that lists the name, such as {@code tunnelDomains}
     */
    Finding checkResolves(String name, String field);
}
