package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.IkePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import dev.quetzal.plugin.ikev2.message.Octets;
import java.util.List;

/**
 * Reauthentication from the gateway side (RFC 7296 §2.8.3, RFC 4478): only the client can authenticate again, since a
 * new IKE_AUTH needs its credentials. So the IKE_AUTH response carries AUTH_LIFETIME, the seconds the authentication
 * holds, and the client makes a new IKE SA with a full IKE_AUTH before they run out; the IKE SA of a client that did
 * not is deleted once the lifetime and a grace period have passed. An IKE SA rekey keeps the deadline.
 */
final class Reauthentication {
    /**
     * Past the announced lifetime before we delete: room for a client that starts at the last moment and for its
     * retransmissions (strongSwan waits 4 s, 7.2 s, ... for an answer).
     */
    static final long GRACE_NANOS = 30_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private Reauthentication() {
    }

    /**
     * The AUTH_LIFETIME notify for the IKE_AUTH response of a gateway-side SA (none when reauthentication is off); sets
     * the SA's deadline. RFC 4478 §3: four octets of seconds, here rounded up.
     */
    static List<IkePayload> announce(IkeSaTable table, IkeSa sa) {
        long lifetime = table.config().lifetimes().reauthNanos();
        if (lifetime == 0 || sa.originalInitiator) {
            return List.of();
        }
        sa.reauthDeadlineNanos = table.nowNanos() + lifetime + GRACE_NANOS;
        long seconds = Math.min((lifetime + SECOND - 1) / SECOND, 0xFFFF_FFFFL);
        byte[] data = {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds};
        return List.of(NotifyPayload.of(NotifyType.AUTH_LIFETIME, Octets.of(data)));
    }

    /** Whether the SA's authentication lifetime and grace period are over. */
    static boolean due(IkeSa sa, long nowNanos) {
        return sa.reauthDeadlineNanos != null && nowNanos - sa.reauthDeadlineNanos >= 0;
    }
}
