package dev.quetzal.runtime.doctor;

import dev.quetzal.api.diagnostic.DiagnosticContext.Transport;
import dev.quetzal.api.diagnostic.Finding;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/** Whether a port can be listened on: the privilege it needs, then a bind that is released at once. */
public final class ListenCheck {
    private final Privileges privileges;

    public ListenCheck(Privileges privileges) {
        this.privileges = privileges;
    }

    /** @param field the config field that sets the port, named in the fix */
    public Finding check(Transport transport, InetAddress address, int port, String field) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        String where = transport + " " + host + ":" + port + " (" + field + ")";
        if (port == 0) {
            return Finding.ok(where + ": any free port");
        }
        if (!privileges.mayBind(port)) {
            return Finding.fail(where + " is below " + privileges.unprivilegedPortStart()
                            + " and this process is neither root nor has CAP_NET_BIND_SERVICE",
                    "give Java the capability (sudo setcap cap_net_bind_service=+ep \"$(readlink -f \"$(command -v java)\")\")"
                            + " or, under systemd, AmbientCapabilities=CAP_NET_BIND_SERVICE; or run as root, or choose "
                            + field + " of " + privileges.unprivilegedPortStart() + " or above");
        }
        try {
            bind(transport, new InetSocketAddress(address, port));
        } catch (BindException e) {
            return bindFailure(where, field, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return Finding.fail(where + " cannot be bound: " + e.getMessage(), "check " + field + " and the listen address");
        }
        return Finding.ok(where + " is free and bindable");
    }

    private static void bind(Transport transport, InetSocketAddress address) throws IOException {
        if (transport == Transport.UDP) {
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(address);
            }
        } else {
            try (ServerSocket socket = new ServerSocket()) {
                // As a listener restarted a moment ago would: connections in TIME_WAIT do not hold the port.
                socket.setReuseAddress(true);
                socket.bind(address);
            }
        }
    }

    private static Finding bindFailure(String where, String field, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("in use")) {
            return Finding.fail(where + " is in use by another program",
                    "stop that program (ss -lnpu or ss -lnpt shows which; on UDP 500 and 4500 often an IKE daemon"
                            + " such as strongSwan's charon) or choose another " + field);
        }
        if (lower.contains("permission") || lower.contains("access")) {
            return Finding.fail(where + " may not be bound by this process (" + message + ")",
                    "ports below 1024 need root or CAP_NET_BIND_SERVICE (setcap cap_net_bind_service=+ep on the java"
                            + " binary, or AmbientCapabilities=CAP_NET_BIND_SERVICE under systemd); or choose another "
                            + field);
        }
        if (lower.contains("assign")) {
            return Finding.fail(where + ": the address is not one of this host's",
                    "listen on an address of this host, or 0.0.0.0 / ::");
        }
        return Finding.fail(where + " cannot be bound: " + message, "check " + field + " and the listen address");
    }
}
