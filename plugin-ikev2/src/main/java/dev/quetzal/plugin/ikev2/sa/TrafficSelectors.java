package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpRange;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic selector narrowing (RFC 7296 §2.9): the responder answers with a subset of what the initiator proposed.
 * Selector types we do not decode (Fibre Channel, security labels) are narrowed away.
 */
public final class TrafficSelectors {
    private TrafficSelectors() {
    }

    /** TSi narrowed to the client's inner addresses: one single-address selector per address a proposal contains. */
    public static List<TrafficSelector> narrowToAddresses(List<TrafficSelector> offered, List<IpAddress> addresses) {
        List<TrafficSelector> out = new ArrayList<>();
        for (IpAddress address : addresses) {
            for (TrafficSelector ts : offered) {
                if (ts instanceof AddressRange r && r.start().family() == address.family()
                        && r.start().compareTo(address) <= 0 && address.compareTo(r.end()) <= 0) {
                    out.add(new AddressRange(r.ipProtocol(), r.startPort(), r.endPort(), address, address));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * TSr: the intersection of the initiator's selectors with our include routes; without include routes everything
     * the initiator asked for (full tunnel).
     */
    public static List<TrafficSelector> narrowToRoutes(List<TrafficSelector> offered, List<Route> routes) {
        List<IpRange> ranges = routes.stream().filter(r -> r.kind() == Route.Kind.INCLUDE)
                .map(r -> r.prefix().toRange()).toList();
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector ts : offered) {
            if (!(ts instanceof AddressRange r)) {
                continue;
            }
            if (ranges.isEmpty()) {
                out.add(r);
                continue;
            }
            for (IpRange range : ranges) {
                if (range.start().family() != r.start().family()) {
                    continue;
                }
                IpAddress start = max(range.start(), r.start());
                IpAddress end = min(range.end(), r.end());
                if (start.compareTo(end) <= 0) {
                    out.add(new AddressRange(r.ipProtocol(), r.startPort(), r.endPort(), start, end));
                }
            }
        }
        return out.size() > 0xFF ? out.subList(0, 0xFF) : out;
    }

    private static IpAddress max(IpAddress a, IpAddress b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static IpAddress min(IpAddress a, IpAddress b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
