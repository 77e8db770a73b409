package dev.quetzal.interop.strongswan;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAs in {@code swanctl --list-sas} text output (strongSwan 5.9.8): per IKE SA its unique id and
 * state, per CHILD SA its unique id, state, SPIs, byte counters and installed traffic selectors (RFC 7296
 * §2.9). A rekey (RFC 7296 §1.3.2, §1.3.3) shows as a new unique id; lines it does not know are skipped.
 */
public record SwanctlSas(List<IkeSa> ikeSas) {
    private static final Pattern IKE = Pattern.compile("^(\\S+): #(\\d+), (\\w+), IKEv2, ([0-9a-f]{16})_i\\*? ([0-9a-f]{16})_r");
    private static final Pattern CHILD = Pattern.compile("^ {2}(\\S+): #(\\d+), reqid \\d+, (\\w+),");
    private static final Pattern TRAFFIC = Pattern.compile("^ {4}(in|out) +([0-9a-f]{8})(?: \\([^)]*\\))?, +(\\d+) bytes");
    /** A CHILD SA's selectors, all on one line: {@code "    remote 198.18.1.20/32 198.18.1.53/32"}. */
    private static final Pattern SELECTORS = Pattern.compile("^ {4}(local|remote) +(\\S.*)$");

    public SwanctlSas {
        ikeSas = List.copyOf(ikeSas);
    }

    public record IkeSa(String name, long uniqueId, String state, String initiatorSpi, String responderSpi,
            List<ChildSa> children) {
        public IkeSa {
            children = List.copyOf(children);
        }

        /** The newest child in state INSTALLED with this name. */
        public Optional<ChildSa> installedChild(String childName) {
            return children.stream().filter(c -> c.name().equals(childName) && c.state().equals("INSTALLED"))
                    .reduce((a, b) -> b.uniqueId() > a.uniqueId() ? b : a);
        }
    }

    /**
     * SPIs as swanctl prints them (hex); bytes as counted by libipsec; the selectors as swanctl prints them
     * ({@code 198.18.2.1/32}, or with a protocol and port such as {@code 198.18.1.53/32[udp/domain]}).
     */
    public record ChildSa(String name, long uniqueId, String state, String inboundSpi, long bytesIn,
            String outboundSpi, long bytesOut, List<String> localTs, List<String> remoteTs) {
        public ChildSa {
            localTs = List.copyOf(localTs);
            remoteTs = List.copyOf(remoteTs);
        }
    }

    /**
     * Whether one of {@code selectors}, as swanctl prints them ({@code 198.18.1.20/31}, {@code
     * 198.18.1.20..198.18.1.22} for a range that is no prefix, either with a {@code [proto/port]} suffix),
     * holds {@code address}. Neighbouring addresses travel as one selector (RFC 7296 §3.13.1: a range).
     */
    public static boolean covers(List<String> selectors, IpAddress address) {
        for (String selector : selectors) {
            int bracket = selector.indexOf('[');
            String range = bracket < 0 ? selector : selector.substring(0, bracket);
            int dots = range.indexOf("..");
            boolean inside;
            if (dots >= 0) {
                IpAddress start = IpAddress.parse(range.substring(0, dots));
                IpAddress end = IpAddress.parse(range.substring(dots + 2));
                inside = start.family() == address.family() && start.compareTo(address) <= 0
                        && address.compareTo(end) <= 0;
            } else {
                IpPrefix prefix = IpPrefix.parse(range);
                inside = prefix.family() == address.family() && prefix.contains(address);
            }
            if (inside) {
                return true;
            }
        }
        return false;
    }

    public static SwanctlSas parse(String output) {
        List<IkeSa> ikeSas = new ArrayList<>();
        IkeBuilder ike = null;
        ChildBuilder child = null;
        for (String line : output.split("\n")) {
            Matcher m;
            if ((m = IKE.matcher(line)).find()) {
                ike = finish(ikeSas, ike, child);
                child = null;
                ike = new IkeBuilder(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4), m.group(5));
            } else if (ike != null && (m = CHILD.matcher(line)).find()) {
                if (child != null) {
                    ike.children.add(child.build());
                }
                child = new ChildBuilder(m.group(1), Long.parseLong(m.group(2)), m.group(3));
            } else if (child != null && (m = SELECTORS.matcher(line)).find()) {
                (m.group(1).equals("local") ? child.localTs : child.remoteTs).addAll(List.of(m.group(2).trim().split(" +")));
            } else if (child != null && (m = TRAFFIC.matcher(line)).find()) {
                long bytes = Long.parseLong(m.group(3));
                if (m.group(1).equals("in")) {
                    child.inSpi = m.group(2);
                    child.bytesIn = bytes;
                } else {
                    child.outSpi = m.group(2);
                    child.bytesOut = bytes;
                }
            }
        }
        finish(ikeSas, ike, child);
        return new SwanctlSas(ikeSas);
    }

    private static IkeBuilder finish(List<IkeSa> ikeSas, IkeBuilder ike, ChildBuilder child) {
        if (ike != null) {
            if (child != null) {
                ike.children.add(child.build());
            }
            ikeSas.add(new IkeSa(ike.name, ike.id, ike.state, ike.spiI, ike.spiR, ike.children));
        }
        return null;
    }

    /** The newest ESTABLISHED IKE SA with this name. */
    public Optional<IkeSa> established(String name) {
        return ikeSas.stream().filter(s -> s.name().equals(name) && s.state().equals("ESTABLISHED"))
                .reduce((a, b) -> b.uniqueId() > a.uniqueId() ? b : a);
    }

    private static final class IkeBuilder {
        final String name;
        final long id;
        final String state;
        final String spiI;
        final String spiR;
        final List<ChildSa> children = new ArrayList<>();

        IkeBuilder(String name, long id, String state, String spiI, String spiR) {
            this.name = name;
            this.id = id;
            this.state = state;
            this.spiI = spiI;
            this.spiR = spiR;
        }
    }

    private static final class ChildBuilder {
        final String name;
        final long id;
        final String state;
        String inSpi = "";
        String outSpi = "";
        long bytesIn;
        long bytesOut;
        final List<String> localTs = new ArrayList<>();
        final List<String> remoteTs = new ArrayList<>();

        ChildBuilder(String name, long id, String state) {
            this.name = name;
            this.id = id;
            this.state = state;
        }

        ChildSa build() {
            return new ChildSa(name, id, state, inSpi, bytesIn, outSpi, bytesOut, localTs, remoteTs);
        }
    }
}
