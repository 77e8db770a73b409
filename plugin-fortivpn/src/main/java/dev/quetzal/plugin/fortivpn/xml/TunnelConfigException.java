package dev.quetzal.plugin.fortivpn.xml;

import java.io.IOException;

/** The FortiGate's {@code /remote/fortisslvpn_xml} answer is unusable: malformed, or without an address. */
public final class TunnelConfigException extends IOException {
    public TunnelConfigException(String message) {
        super(message);
    }
}
