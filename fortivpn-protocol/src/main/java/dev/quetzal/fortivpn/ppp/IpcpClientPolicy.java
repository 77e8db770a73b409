package dev.quetzal.fortivpn.ppp;

import dev.quetzal.api.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * IPCP as OpenConnect plays it (fortivpn-protocol.md §6): we request the XML's assigned address
 * and, when asked to, DNS 129/131 as 0.0.0.0, adopting the values the server Naks. A Nak to another
 * address, or a Reject of IP-Address, fails IPv4. Of the server's options only IP-Address is
 * acknowledged; everything else is rejected.
 *
 * <p>With 0.0.0.0 as our address (pppd's {@code noipdefault}) the server's Nak'ed address is adopted
 * instead.
 */
final class IpcpClientPolicy implements IpcpPolicy {
    private final boolean adoptAddress;
    private Ipv4Address address;
    private boolean askPrimary;
    private boolean askSecondary;
    private Ipv4Address primary = ANY;
    private Ipv4Address secondary = ANY;
    private Ipv4Address peerAddress;
    private List<Ipv4Address> acceptedDns = List.of();

    IpcpClientPolicy(PppSettings settings) {
        this.address = settings.localAddress();
        this.adoptAddress = address.equals(ANY);
        this.askPrimary = settings.requestDns();
        this.askSecondary = settings.requestDns();
    }

    @Override
    public List<ConfigOption> requestOptions() {
        List<ConfigOption> options = new ArrayList<>(3);
        options.add(IpcpOption.address(IpcpOption.IP_ADDRESS, address));
        if (askPrimary) {
            options.add(IpcpOption.address(IpcpOption.PRIMARY_DNS, primary));
        }
        if (askSecondary) {
            options.add(IpcpOption.address(IpcpOption.SECONDARY_DNS, secondary));
        }
        return options;
    }

    @Override
    public Verdict judge(ConfigOption option) {
        return option.type() == IpcpOption.IP_ADDRESS && IpcpPolicy.isAddress(option)
                ? Verdict.ACCEPT
                : Verdict.REJECT;
    }

    @Override
    public void peerAcked(List<ConfigOption> options) {
        peerAddress = IpcpPolicy.find(options, IpcpOption.IP_ADDRESS);
    }

    @Override
    public void requestAcked(List<ConfigOption> options) {
        List<Ipv4Address> servers = new ArrayList<>(2);
        Ipv4Address first = IpcpPolicy.find(options, IpcpOption.PRIMARY_DNS);
        Ipv4Address second = IpcpPolicy.find(options, IpcpOption.SECONDARY_DNS);
        if (first != null) {
            servers.add(first);
        }
        if (second != null) {
            servers.add(second);
        }
        acceptedDns = List.copyOf(servers);
    }

    @Override
    public Outcome applyNak(List<ConfigOption> suggested) {
        for (ConfigOption option : suggested) {
            if (!IpcpPolicy.isAddress(option)) {
                continue;
            }
            Ipv4Address value = IpcpPolicy.address(option);
            switch (option.type()) {
                case IpcpOption.IP_ADDRESS -> {
                    if (value.equals(address)) {
                        continue;
                    }
                    if (!adoptAddress || value.equals(ANY)) {
                        return new Outcome.Fail("the server offered IPv4 address " + value
                                + " instead of the assigned " + address);
                    }
                    address = value;
                }
                case IpcpOption.PRIMARY_DNS -> {
                    if (askPrimary) {
                        primary = value;
                    }
                }
                case IpcpOption.SECONDARY_DNS -> {
                    if (askSecondary) {
                        secondary = value;
                    }
                }
                default -> { }
            }
        }
        return Outcome.RETRY;
    }

    @Override
    public Outcome applyReject(List<ConfigOption> rejected) {
        for (ConfigOption option : rejected) {
            switch (option.type()) {
                case IpcpOption.IP_ADDRESS -> {
                    return new Outcome.Fail("the server rejected the IP-Address option");
                }
                case IpcpOption.PRIMARY_DNS -> askPrimary = false;
                case IpcpOption.SECONDARY_DNS -> askSecondary = false;
                default -> { }
            }
        }
        return Outcome.RETRY;
    }

    @Override
    public Ipv4Address localAddress() {
        return address;
    }

    @Override
    public Ipv4Address peerAddress() {
        return peerAddress;
    }

    @Override
    public List<Ipv4Address> dnsServers() {
        return acceptedDns;
    }
}
