package dev.quetzal.plugin.rawudp;

import dev.quetzal.api.diagnostic.DiagnosticContext;
import dev.quetzal.api.diagnostic.Finding;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** {@code quetzal doctor} for raw-udp: its one UDP socket can be bound. */
final class PortDiagnosis {
    private PortDiagnosis() {}

    static List<Finding> udp(HostPort where, String field, DiagnosticContext context) {
        IpAddress address;
        try {
            address = IpAddress.of(InetAddress.getByName(where.host()));
        } catch (UnknownHostException e) {
            return List.of(Finding.fail(field + " host " + where.host() + " does not resolve",
                    "use an address of this host in " + field));
        }
        return List.of(context.checkListen(DiagnosticContext.Transport.UDP, address, where.port(), field));
    }
}
