package dev.quetzal.api.frontend;

import dev.quetzal.api.Component;
import java.util.List;

/**
 * A VPN server that clients connect to (IKEv2/ESP, or a test harness).
 *
 * <p>On {@code start} it opens its sockets and accepts clients; for each client it creates a {@link
 * ClientSession} and {@linkplain dev.quetzal.api.service.PacketRouter#attach attaches} it. On {@code
 * close} it tells clients it is going (where its protocol can), detaches every session and releases
 * its leases.
 */
public interface Frontend extends Component {
    /** A snapshot of the connected sessions; thread-safe. */
    List<? extends ClientSession> sessions();
}
