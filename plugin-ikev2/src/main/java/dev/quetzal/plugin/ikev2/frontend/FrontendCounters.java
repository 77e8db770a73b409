package dev.quetzal.plugin.ikev2.frontend;

import dev.quetzal.api.service.Metrics;
import dev.quetzal.plugin.ikev2.esp.EspDropReason;
import dev.quetzal.plugin.ikev2.esp.EspRefusal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The frontend's counters, registered once and updated lock-free on the data path: datagrams by class,
 * ESP packets and bytes by direction, drops by reason, peer moves.
 */
final class FrontendCounters {
    private static final String DATAGRAMS = "quetzal_ikev2_datagrams_total";
    private static final String DATAGRAMS_HELP = "UDP datagrams received, by class (RFC 3948 §2).";
    private static final String DROPPED = "quetzal_ikev2_esp_dropped_total";
    private static final String DROPPED_HELP = "ESP packets dropped, by reason.";

    final Metrics.Counter ikeDatagrams;
    final Metrics.Counter espDatagrams;
    final Metrics.Counter natKeepalives;
    final Metrics.Counter malformedDatagrams;
    final Metrics.Counter espInPackets;
    final Metrics.Counter espInBytes;
    final Metrics.Counter espOutPackets;
    final Metrics.Counter espOutBytes;
    final Metrics.Counter unknownSpi;
    final Metrics.Counter wrongPort;
    final Metrics.Counter tsViolation;
    final Metrics.Counter noSession;
    final Metrics.Counter sendErrors;
    final Metrics.Counter peerMoves;
    final Metrics.Counter engineErrors;
    private final Metrics.Counter[] espDrops = new Metrics.Counter[EspDropReason.values().length];
    private final Metrics.Counter[] refusals = new Metrics.Counter[EspRefusal.values().length];

    FrontendCounters(Metrics metrics) {
        ikeDatagrams = metrics.counter(DATAGRAMS, DATAGRAMS_HELP, "class", "ike");
        espDatagrams = metrics.counter(DATAGRAMS, DATAGRAMS_HELP, "class", "esp");
        natKeepalives = metrics.counter(DATAGRAMS, DATAGRAMS_HELP, "class", "nat-keepalive");
        malformedDatagrams = metrics.counter(DATAGRAMS, DATAGRAMS_HELP, "class", "malformed");
        String packetsHelp = "ESP packets that verified (in) or were protected (out).";
        String bytesHelp = "Inner-packet bytes of ESP packets, by direction.";
        espInPackets = metrics.counter("quetzal_ikev2_esp_packets_total", packetsHelp, "direction", "in");
        espOutPackets = metrics.counter("quetzal_ikev2_esp_packets_total", packetsHelp, "direction", "out");
        espInBytes = metrics.counter("quetzal_ikev2_esp_bytes_total", bytesHelp, "direction", "in");
        espOutBytes = metrics.counter("quetzal_ikev2_esp_bytes_total", bytesHelp, "direction", "out");
        unknownSpi = metrics.counter(DROPPED, DROPPED_HELP, "reason", "unknown-spi");
        wrongPort = metrics.counter(DROPPED, DROPPED_HELP, "reason", "wrong-port");
        tsViolation = metrics.counter(DROPPED, DROPPED_HELP, "reason", "ts-violation");
        noSession = metrics.counter(DROPPED, DROPPED_HELP, "reason", "no-session");
        sendErrors = metrics.counter(DROPPED, DROPPED_HELP, "reason", "send-error");
        for (EspDropReason reason : EspDropReason.values()) {
            espDrops[reason.ordinal()] = metrics.counter(DROPPED, DROPPED_HELP, "reason", label(reason));
        }
        for (EspRefusal reason : EspRefusal.values()) {
            refusals[reason.ordinal()] = metrics.counter(DROPPED, DROPPED_HELP, "reason", label(reason));
        }
        peerMoves = metrics.counter("quetzal_ikev2_peer_moves_total",
                "ESP peers that moved to a new address or port (NAT rebinding, RFC 7296 §2.23, or MOBIKE, RFC 4555).");
        engineErrors = metrics.counter("quetzal_ikev2_engine_errors_total",
                "IKE datagrams whose handling threw (a bug in the engine); the receive loop went on.");
    }

    Metrics.Counter drop(EspDropReason reason) {
        return espDrops[reason.ordinal()];
    }

    Metrics.Counter refused(EspRefusal reason) {
        return refusals[reason.ordinal()];
    }

    private static String label(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** For status: every counter by a readable name. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ikeDatagrams", ikeDatagrams.value());
        out.put("espDatagrams", espDatagrams.value());
        out.put("natKeepalives", natKeepalives.value());
        out.put("malformedDatagrams", malformedDatagrams.value());
        out.put("espInPackets", espInPackets.value());
        out.put("espInBytes", espInBytes.value());
        out.put("espOutPackets", espOutPackets.value());
        out.put("espOutBytes", espOutBytes.value());
        out.put("peerMoves", peerMoves.value());
        out.put("engineErrors", engineErrors.value());
        Map<String, Object> drops = new LinkedHashMap<>();
        drops.put("unknown-spi", unknownSpi.value());
        drops.put("wrong-port", wrongPort.value());
        drops.put("ts-violation", tsViolation.value());
        drops.put("no-session", noSession.value());
        drops.put("send-error", sendErrors.value());
        for (EspDropReason reason : EspDropReason.values()) {
            drops.put(label(reason), drop(reason).value());
        }
        for (EspRefusal reason : EspRefusal.values()) {
            drops.put(label(reason), refused(reason).value());
        }
        out.put("drops", drops);
        return out;
    }
}
