package dev.quetzal.fortivpn.ppp;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * IPv6CP options for both roles (RFC 5072 §4.1): we request our Interface-Identifier; a peer's
 * identifier of zero, or equal to ours, is Nak'ed with the configured one (server) or a fresh random
 * one. IPv6-Compression-Protocol and unknown options are rejected.
 */
final class Ipv6cpPolicy implements OptionPolicy {
    private final RandomGenerator random;
    private final long suggestedPeerId;
    private long localId;
    private boolean sendId = true;
    private long peerId;

    Ipv6cpPolicy(PppSettings settings, RandomGenerator random) {
        this.random = random;
        this.localId = settings.localInterfaceId();
        this.suggestedPeerId = settings.role() == PppRole.SERVER ? settings.peerInterfaceId() : 0;
    }

    long localId() {
        return sendId ? localId : 0;
    }

    long peerId() {
        return peerId;
    }

    @Override
    public List<ConfigOption> requestOptions() {
        return sendId ? List.of(Ipv6cpOption.interfaceIdentifier(localId)) : List.of();
    }

    @Override
    public Verdict judge(ConfigOption option) {
        if (option.type() != Ipv6cpOption.INTERFACE_IDENTIFIER || option.value().length != 8) {
            return Verdict.REJECT;
        }
        long id = option.valueAsLong();
        if (id == 0 || id == localId) {
            long offer = suggestedPeerId != 0 && suggestedPeerId != localId ? suggestedPeerId : freshId(localId);
            return new Verdict.Nak(Ipv6cpOption.interfaceIdentifier(offer));
        }
        return Verdict.ACCEPT;
    }

    @Override
    public void peerAcked(List<ConfigOption> options) {
        peerId = 0;
        for (ConfigOption option : options) {
            if (option.type() == Ipv6cpOption.INTERFACE_IDENTIFIER) {
                peerId = option.valueAsLong();
            }
        }
    }

    @Override
    public void requestAcked(List<ConfigOption> options) {}

    /** RFC 5072 §4.1: adopt the peer's suggestion unless it is zero or the peer's own identifier. */
    @Override
    public Outcome applyNak(List<ConfigOption> suggested) {
        for (ConfigOption option : suggested) {
            if (option.type() == Ipv6cpOption.INTERFACE_IDENTIFIER && sendId) {
                long id = option.value().length == 8 ? option.valueAsLong() : 0;
                localId = id != 0 && id != peerId ? id : freshId(peerId);
            }
        }
        return Outcome.RETRY;
    }

    @Override
    public Outcome applyReject(List<ConfigOption> rejected) {
        for (ConfigOption option : rejected) {
            if (option.type() == Ipv6cpOption.INTERFACE_IDENTIFIER) {
                sendId = false;
            }
        }
        return Outcome.RETRY;
    }

    private long freshId(long avoid) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || id == avoid || id == localId);
        return id;
    }
}
