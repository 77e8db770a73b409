package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpRange;
import dev.quetzal.api.net.Route;
import dev.quetzal.plugin.ikev2.message.TrafficSelector;
import dev.quetzal.plugin.ikev2.message.TrafficSelector.AddressRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traffic selector narrowing (RFC 7296 §2.9): the responder answers with a subset of what the initiator proposed.
 * Selector types we do not decode (Fibre Channel, security labels) are narrowed away.
 */
public final class TrafficSelectors {
    /** The Number of TSs field is one octet (§3.13). */
    static final int MAX_SELECTORS = 0xFF;
    private static final Logger log = LoggerFactory.getLogger(TrafficSelectors.class);

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
     * TSi of the Child SA made with a CFG_REQUEST (RFC 7296 §2.19): as {@link #narrowToAddresses}, except that an
     * assigned address no proposal contains takes the place of a single-address selector of its family, with that
     * selector's protocol and ports. An initiator asking for its inner address cannot know it yet; libreswan proposes
     * its own outer address there. Wider ranges that miss the address still narrow to nothing.
     */
    public static List<TrafficSelector> narrowToAssigned(List<TrafficSelector> offered, List<IpAddress> addresses) {
        List<TrafficSelector> out = new ArrayList<>();
        for (IpAddress address : addresses) {
            List<TrafficSelector> contained = narrowToAddresses(offered, List.of(address));
            if (!contained.isEmpty()) {
                out.addAll(contained);
                continue;
            }
            for (TrafficSelector ts : offered) {
                if (ts instanceof AddressRange r && r.start().family() == address.family() && r.start().equals(r.end())) {
                    out.add(new AddressRange(r.ipProtocol(), r.startPort(), r.endPort(), address, address));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * TSr: the intersection of the initiator's selectors with our include routes, minus our exclude routes; without
     * include routes everything the initiator asked for (full tunnel) minus the exclude routes. Selectors are
     * ranges (§3.13.1), so taking an excluded range out of one leaves at most two, with the offered protocol and
     * ports.
     * Adjacent and overlapping pieces become one range (learned /32 routes are rarely CIDR siblings but often
     * neighbours). At most 255 selectors, the most a TS payload can count; the rest is left out with a warning.
     */
    public static List<TrafficSelector> narrowToRoutes(List<TrafficSelector> offered, List<Route> routes) {
        List<IpRange> includes = ranges(routes, Route.Kind.INCLUDE);
        List<IpRange> excludes = ranges(routes, Route.Kind.EXCLUDE);
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector ts : offered) {
            if (!(ts instanceof AddressRange r)) {
                continue;
            }
            List<IpRange> pieces = new ArrayList<>();
            IpRange asked = new IpRange(r.start(), r.end());
            if (includes.isEmpty()) {
                pieces.add(asked);
            }
            for (IpRange include : includes) {
                intersection(asked, include).ifPresent(pieces::add);
            }
            for (IpRange exclude : excludes) {
                pieces = subtract(pieces, exclude);
            }
            for (IpRange piece : coalesce(pieces)) {
                out.add(new AddressRange(r.ipProtocol(), r.startPort(), r.endPort(), piece.start(), piece.end()));
            }
        }
        if (out.size() > MAX_SELECTORS) {
            log.warn("{} traffic selectors for the routes, more than the {} a TS payload can carry; the last {} are "
                    + "left out (lower routes.maxRoutes or publish wider routes)", out.size(), MAX_SELECTORS,
                    out.size() - MAX_SELECTORS);
            return List.copyOf(out.subList(0, MAX_SELECTORS));
        }
        return out;
    }

    /** The ranges sorted, with overlapping or adjacent ones joined. */
    static List<IpRange> coalesce(List<IpRange> pieces) {
        if (pieces.size() < 2) {
            return pieces;
        }
        List<IpRange> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparing(IpRange::start));
        List<IpRange> out = new ArrayList<>();
        IpRange current = sorted.getFirst();
        for (IpRange next : sorted.subList(1, sorted.size())) {
            // next starts above the first address, so previous() is defined.
            boolean touches = next.start().compareTo(current.end()) <= 0
                    || previous(next.start()).compareTo(current.end()) <= 0;
            if (touches) {
                current = new IpRange(current.start(), max(current.end(), next.end()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return out;
    }

    private static List<IpRange> ranges(List<Route> routes, Route.Kind kind) {
        return routes.stream().filter(r -> r.kind() == kind).map(r -> r.prefix().toRange()).toList();
    }

    private static Optional<IpRange> intersection(IpRange a, IpRange b) {
        if (a.family() != b.family()) {
            return Optional.empty();
        }
        IpAddress start = max(a.start(), b.start());
        IpAddress end = min(a.end(), b.end());
        return start.compareTo(end) <= 0 ? Optional.of(new IpRange(start, end)) : Optional.empty();
    }

    /** Each range with {@code cut} taken out: unchanged, gone, or split into what lies before and after it. */
    private static List<IpRange> subtract(List<IpRange> pieces, IpRange cut) {
        List<IpRange> out = new ArrayList<>();
        for (IpRange piece : pieces) {
            if (intersection(piece, cut).isEmpty()) {
                out.add(piece);
                continue;
            }
            if (piece.start().compareTo(cut.start()) < 0) {
                out.add(new IpRange(piece.start(), previous(cut.start())));
            }
            if (cut.end().compareTo(piece.end()) < 0) {
                out.add(new IpRange(cut.end().plus(1), piece.end()));
            }
        }
        return out;
    }

    /** The address before {@code a}, which is not the family's first (callers know a lower address exists). */
    private static IpAddress previous(IpAddress a) {
        byte[] bytes = a.toBytes();
        for (int i = bytes.length - 1; i >= 0; i--) {
            bytes[i]--;
            if (bytes[i] != (byte) 0xFF) {
                break;
            }
        }
        return IpAddress.of(bytes);
    }

    private static IpAddress max(IpAddress a, IpAddress b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static IpAddress min(IpAddress a, IpAddress b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
