package dev.quetzal.fortivpn.ppp;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * LCP options for both roles (RFC 1661 §6; fortivpn-protocol.md §6, §9): we request a Magic-Number
 * and, when configured, an MRU; we accept the peer's MRU, Magic-Number, ACCM, PFC and ACFC and reject
 * everything else, authentication and quality protocols included (there is no authentication phase).
 */
final class LcpPolicy implements OptionPolicy {
    /** RFC 1661 §6.1 default, assumed when the peer sends no MRU. */
    static final int DEFAULT_MRU = 1500;
    /** The smallest MRU we accept or adopt (RFC 791's minimum datagram). */
    static final int MIN_MRU = 576;

    private final RandomGenerator random;
    private int mru;
    private int magic;
    private boolean sendMagic = true;
    private int peerMru = DEFAULT_MRU;
    private int localMru = DEFAULT_MRU;
    private int peerMagic;

    LcpPolicy(int mru, int magic, RandomGenerator random) {
        this.random = random;
        this.mru = mru;
        this.magic = magic != 0 ? magic : newMagic();
    }

    /** The MRU the peer announced: the largest frame we may send it. */
    int peerMru() {
        return peerMru;
    }

    /** Our MRU as acknowledged by the peer (1500 when we sent none). */
    int localMru() {
        return localMru;
    }

    /** Our magic number, 0 once the peer rejected the option (RFC 1661 §6.4). */
    int magic() {
        return sendMagic ? magic : 0;
    }

    int peerMagic() {
        return peerMagic;
    }

    @Override
    public List<ConfigOption> requestOptions() {
        List<ConfigOption> options = new ArrayList<>(2);
        if (mru != 0) {
            options.add(LcpOption.mru(mru));
        }
        if (sendMagic) {
            options.add(LcpOption.magicNumber(magic));
        }
        return options;
    }

    @Override
    public Verdict judge(ConfigOption option) {
        int length = option.value().length;
        return switch (option.type()) {
            case LcpOption.MRU -> {
                if (length != 2) {
                    yield Verdict.REJECT;
                }
                long value = option.valueAsLong();
                if (value < MIN_MRU) {
                    yield new Verdict.Nak(LcpOption.mru(MIN_MRU));
                }
                yield value > FortiFrame.MAX_PPP_LENGTH ? new Verdict.Nak(LcpOption.mru(FortiFrame.MAX_PPP_LENGTH))
                        : Verdict.ACCEPT;
            }
            case LcpOption.MAGIC_NUMBER -> {
                if (length != 4) {
                    yield Verdict.REJECT;
                }
                int value = (int) option.valueAsLong();
                // RFC 1661 §6.4: zero is illegal; our own number back suggests a looped link.
                yield value == 0 || (sendMagic && value == magic)
                        ? new Verdict.Nak(LcpOption.magicNumber(newMagicOtherThan(value)))
                        : Verdict.ACCEPT;
            }
            case LcpOption.ACCM -> length == 4 ? Verdict.ACCEPT : Verdict.REJECT;
            case LcpOption.PROTOCOL_FIELD_COMPRESSION, LcpOption.ADDRESS_CONTROL_FIELD_COMPRESSION ->
                    length == 0 ? Verdict.ACCEPT : Verdict.REJECT;
            default -> Verdict.REJECT;
        };
    }

    @Override
    public void peerAcked(List<ConfigOption> options) {
        peerMru = DEFAULT_MRU;
        peerMagic = 0;
        for (ConfigOption option : options) {
            switch (option.type()) {
                case LcpOption.MRU -> peerMru = (int) option.valueAsLong();
                case LcpOption.MAGIC_NUMBER -> peerMagic = (int) option.valueAsLong();
                default -> { }
            }
        }
    }

    @Override
    public void requestAcked(List<ConfigOption> options) {
        localMru = DEFAULT_MRU;
        for (ConfigOption option : options) {
            if (option.type() == LcpOption.MRU) {
                localMru = (int) option.valueAsLong();
            }
        }
    }

    @Override
    public Outcome applyNak(List<ConfigOption> suggested) {
        for (ConfigOption option : suggested) {
            switch (option.type()) {
                case LcpOption.MRU -> {
                    // OpenConnect Naks once with its own MRU (fortivpn-protocol.md §6): adopt it if usable.
                    long value = option.value().length == 2 ? option.valueAsLong() : 0;
                    if (mru != 0) {
                        mru = value >= MIN_MRU && value <= FortiFrame.MAX_PPP_LENGTH ? (int) value : 0;
                    }
                }
                case LcpOption.MAGIC_NUMBER -> {
                    if (sendMagic) {
                        magic = newMagicOtherThan(magic);
                    }
                }
                default -> { } // options we did not ask for stay unrequested
            }
        }
        return Outcome.RETRY;
    }

    @Override
    public Outcome applyReject(List<ConfigOption> rejected) {
        for (ConfigOption option : rejected) {
            switch (option.type()) {
                case LcpOption.MRU -> mru = 0;
                case LcpOption.MAGIC_NUMBER -> sendMagic = false;
                default -> { }
            }
        }
        return Outcome.RETRY;
    }

    private int newMagic() {
        return newMagicOtherThan(0);
    }

    private int newMagicOtherThan(int avoid) {
        int value;
        do {
            value = random.nextInt();
        } while (value == 0 || value == avoid || value == magic);
        return value;
    }
}
