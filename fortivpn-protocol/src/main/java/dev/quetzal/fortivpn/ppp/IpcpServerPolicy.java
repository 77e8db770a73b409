package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import java.util.List;

/**
 * IPCP as a FortiGate plays it (fortivpn-protocol.md §6, §9, §12): our request carries the gateway
 * address; the client's IP-Address is Nak'ed to its assigned address when it asks for 0.0.0.0 or
 * another one; DNS 129/131 are offered by Nak (Rejected when we have no such server); NBNS and VJ
 * compression are Rejected.
 */
final class IpcpServerPolicy implements IpcpPolicy {
    private final Ipv4Address localAddress;
    private final Ipv4Address assignedAddress;
    private final List<Ipv4Address> dnsServers;
    private boolean sendAddress = true;
    private Ipv4Address peerAddress;

    IpcpServerPolicy(PppSettings settings) {
        this.localAddress = settings.localAddress();
        this.assignedAddress = settings.peerAddress();
        this.dnsServers = settings.dnsServers();
    }

    @Override
    public List<ConfigOption> requestOptions() {
        return sendAddress ? List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, localAddress)) : List.of();
    }

    @Override
    public Verdict judge(ConfigOption option) {
        if (!IpcpPolicy.isAddress(option)) {
            return Verdict.REJECT;
        }
        Ipv4Address value = IpcpPolicy.address(option);
        return switch (option.type()) {
            case IpcpOption.IP_ADDRESS -> {
                if (assignedAddress == null) {
                    yield value.equals(ANY) ? Verdict.REJECT : Verdict.ACCEPT;
                }
                yield value.equals(assignedAddress) ? Verdict.ACCEPT
                        : new Verdict.Nak(IpcpOption.address(IpcpOption.IP_ADDRESS, assignedAddress));
            }
            case IpcpOption.PRIMARY_DNS -> offer(option.type(), value, 0);
            case IpcpOption.SECONDARY_DNS -> offer(option.type(), value, 1);
            default -> Verdict.REJECT; // NBNS 130/132, IP-Compression (VJ) and unknown options
        };
    }

    private Verdict offer(int type, Ipv4Address requested, int index) {
        if (dnsServers.size() <= index) {
            return Verdict.REJECT;
        }
        Ipv4Address server = dnsServers.get(index);
        return requested.equals(server) ? Verdict.ACCEPT : new Verdict.Nak(IpcpOption.address(type, server));
    }

    @Override
    public List<ConfigOption> missing(List<ConfigOption> request) {
        boolean hasAddress = request.stream().anyMatch(option -> option.type() == IpcpOption.IP_ADDRESS);
        return hasAddress || assignedAddress == null
                ? List.of()
                : List.of(IpcpOption.address(IpcpOption.IP_ADDRESS, assignedAddress));
    }

    @Override
    public void peerAcked(List<ConfigOption> options) {
        peerAddress = IpcpPolicy.find(options, IpcpOption.IP_ADDRESS);
    }

    @Override
    public void requestAcked(List<ConfigOption> options) {}

    /** The gateway's own address is fixed: a Nak of it is ignored (and fails only if the peer insists). */
    @Override
    public Outcome applyNak(List<ConfigOption> suggested) {
        return Outcome.RETRY;
    }

    @Override
    public Outcome applyReject(List<ConfigOption> rejected) {
        for (ConfigOption option : rejected) {
            if (option.type() == IpcpOption.IP_ADDRESS) {
                sendAddress = false;
            }
        }
        return Outcome.RETRY;
    }

    @Override
    public Ipv4Address localAddress() {
        return localAddress;
    }

    @Override
    public Ipv4Address peerAddress() {
        return peerAddress;
    }

    @Override
    public List<Ipv4Address> dnsServers() {
        return dnsServers;
    }
}
