package dev.quetzal.plugin.fortivpn;

import dev.quetzal.api.ComponentNotAvailableException;
import dev.quetzal.api.backend.Backend;
import dev.quetzal.api.backend.BackendContext;
import dev.quetzal.api.backend.BackendFactory;

/**
 * The {@code fortivpn} backend. This release ships its type and config so configs can be written and
 * checked; the protocol work is not in this release yet, so {@link #create} refuses with a clear
 * message instead of starting something that would not work.
 */
public final class FortiVpnFactory implements BackendFactory<FortiVpnConfig> {
    @Override
    public String type() {
        return "fortivpn";
    }

    @Override
    public Class<FortiVpnConfig> configType() {
        return FortiVpnConfig.class;
    }

    @Override
    public String description() {
        return "FortiGate SSL-VPN client (PPP over TLS) (not in this release yet: check-config only)";
    }

    @Override
    public Backend create(FortiVpnConfig config, BackendContext context) {
        throw new ComponentNotAvailableException("backend \"fortivpn\" is not in this release yet; "
                + "its config can be checked with quetzal check-config, but it cannot run");
    }
}
