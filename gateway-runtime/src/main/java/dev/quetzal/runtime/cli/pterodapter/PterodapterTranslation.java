package dev.quetzal.runtime.cli.pterodapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pterodapter's ikev2 options as Quetzal's JSON config: an {@code ikev2} frontend, a {@code fortivpn}
 * backend signing in with SAML as pterodapter does (pterodapter-inventory §4), and the {@code nat64},
 * {@code split-dns} and {@code pcap} filters the options ask for. Where Quetzal behaves differently,
 * a note says so.
 *
 * @param config the JSON config, fields in a fixed order
 * @param notes differences a pterodapter user should know, one line each
 * @param flags JSON path of each generated value to the option it came from
 */
public record PterodapterTranslation(ObjectNode config, List<String> notes, Map<String, String> flags) {
    /** Where pterodapter's IKEv2 mode takes the browser back after SAML sign-in (pterodapter-inventory §4). */
    public static final String SAML_LISTEN = "127.0.0.1:8020";
    /** Under this /96, RFC 6052 §3.1 forbids non-global IPv4; pterodapter does not check that. */
    private static final IpPrefix WELL_KNOWN_PREFIX = IpPrefix.parse("64:ff9b::/96");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PterodapterTranslation {
        notes = List.copyOf(notes);
        flags = Map.copyOf(flags);
    }

    /** The option a JSON path (such as {@code $.frontends[0].key}) came from, or null. */
    public String flagFor(String jsonPath) {
        String best = null;
        for (Map.Entry<String, String> entry : flags.entrySet()) {
            String prefix = entry.getKey();
            boolean within = jsonPath.equals(prefix) || (jsonPath.startsWith(prefix)
                    && (jsonPath.charAt(prefix.length()) == '.' || jsonPath.charAt(prefix.length()) == '['));
            if (within && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : flags.get(best);
    }

    /** The config as pretty-printed JSON. */
    public String json() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an in-memory JSON tree always serializes", e);
        }
    }

    /**
     * Translates the options. Relative files are resolved against {@code workingDirectory}, so the
     * config means the same wherever it is written.
     *
     * @param pcapInstalled whether a {@code pcap} filter type is installed
     * @throws IllegalArgumentException naming the option when it has no Quetzal equivalent here
     */
    public static PterodapterTranslation of(PterodapterOptions options, Path workingDirectory, boolean pcapInstalled) {
        List<String> notes = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("frontends").add(frontend(options, workingDirectory, notes, flags));
        root.set("backend", backend(options, notes, flags));
        ArrayNode filters = MAPPER.createArrayNode();
        if (options.nat64Prefix() != null) {
            flags.put(filter(filters.size()) + ".prefix", "--nat64-prefix");
            flags.put(filter(filters.size()) + ".checkWellKnownPrefix", "--nat64-prefix");
            flags.put(filter(filters.size()) + ".dns64", "--dns64-tunnel-suffix");
            filters.add(nat64(options, notes));
        }
        if (!options.tunnelDomains().isEmpty()) {
            flags.put(filter(filters.size()), "--tunnel-domain");
            filters.add(splitDns(options, notes));
        }
        if (options.pcap() != null) {
            if (!pcapInstalled) {
                throw new IllegalArgumentException("--pcap: no plugin of this installation offers the \"pcap\" filter"
                        + " type (the example-pcap-filter plugin does; put it in the plugins folder), or leave --pcap out");
            }
            flags.put(filter(filters.size()), "--pcap");
            ObjectNode pcap = filters.addObject().put("type", "pcap");
            pcap.put("file", workingDirectory.resolve(options.pcap()).normalize().toString());
        }
        if (!filters.isEmpty()) {
            root.set("filters", filters);
        }
        if (options.nat64Prefix() != null) {
            String pool = UniqueLocalPrefix.of(options.destination().host());
            root.putObject("addressPool").put("ipv6", pool);
            flags.put("$.addressPool.ipv6", "--nat64-prefix");
            notes.add("--nat64-prefix: clients get an IPv6 address from addressPool.ipv6 " + pool + " (a unique local"
                    + " prefix, RFC 4193, derived from the FortiGate's name) to reach the NAT64 prefix from;"
                    + " pterodapter gives them the prefix plus the FortiVPN IPv4 address.");
        }
        if (options.ikePort() < 1024 || options.natPort() < 1024) {
            notes.add("ports below 1024 need root or CAP_NET_BIND_SERVICE on the java binary (pterodapter's setcap was"
                    + " on its own binary), or --ike-port/--nat-port of 1024 and up behind a port redirect.");
        }
        // A FortiGate accepts only the address it assigned, so clients' own addresses need translating onto it.
        root.putObject("napt").put("enabled", true);
        notes.add("pterodapter hands every client the FortiVPN address itself; Quetzal gives each client its own"
                + " address from addressPool (default 100.64.0.0/24) and NAPT (napt.enabled) puts their packets on the"
                + " FortiVPN address, so several devices share the one FortiVPN session.");
        notes.add("Quetzal accepts more IKE suites than pterodapter's AES-256-GCM/SHA-256/ECP-256 (that one is"
                + " first), so client profiles made for pterodapter keep working unchanged.");
        return new PterodapterTranslation(root, notes, flags);
    }

    private static ObjectNode frontend(PterodapterOptions options, Path workingDirectory, List<String> notes,
            Map<String, String> flags) {
        ObjectNode ikev2 = MAPPER.createObjectNode().put("type", "ikev2");
        ikev2.put("listenAddress", listenAddress(options.listenIps(), notes).toString());
        ikev2.put("ikePort", options.ikePort());
        ikev2.put("natPort", options.natPort());
        ikev2.put("certificate", workingDirectory.resolve(options.cert()).normalize().toString());
        ikev2.put("key", workingDirectory.resolve(options.key()).normalize().toString());
        ikev2.put("clientCa", workingDirectory.resolve(options.cacert()).normalize().toString());
        if (options.idHostname() != null) {
            ikev2.put("identity", options.idHostname());
        } else {
            notes.add("no --id-hostname: Quetzal sends the certificate's first DNS name as its identity (pterodapter"
                    + " would send none and fail the sign-in).");
        }
        String frontend = "$.frontends[0]";
        flags.put(frontend + ".listenAddress", "--listen-ip");
        flags.put(frontend + ".ikePort", "--ike-port");
        flags.put(frontend + ".natPort", "--nat-port");
        flags.put(frontend + ".certificate", "--cert");
        flags.put(frontend + ".key", "--key");
        flags.put(frontend + ".clientCa", "--cacert");
        flags.put(frontend + ".identity", "--id-hostname");
        return ikev2;
    }

    /**
     * Quetzal's ikev2 frontend listens on one address. Several --listen-ip values fold into a wildcard
     * when one of them is a wildcard (on Linux {@code ::} also takes IPv4); otherwise there is no
     * faithful translation.
     */
    private static IpAddress listenAddress(List<IpAddress> ips, List<String> notes) {
        if (ips.size() == 1) {
            return ips.getFirst();
        }
        IpAddress any4 = IpAddress.parse("0.0.0.0");
        IpAddress any6 = IpAddress.parse("::");
        if (ips.contains(any6)) {
            notes.add("several --listen-ip values: Quetzal listens on :: alone, which takes IPv4 as well on a"
                    + " dual-stack host, so every address given is covered.");
            return any6;
        }
        if (ips.contains(any4) && ips.stream().allMatch(ip -> ip.family() == IpFamily.IPV4)) {
            notes.add("several --listen-ip values: Quetzal listens on 0.0.0.0 alone, which covers every IPv4 address"
                    + " given.");
            return any4;
        }
        throw new IllegalArgumentException("--listen-ip: Quetzal's ikev2 frontend listens on one address, got "
                + ips.size() + " (" + String.join(", ", ips.stream().map(IpAddress::toString).toList())
                + "); give one, or --listen-ip=:: for all of them");
    }

    private static ObjectNode backend(PterodapterOptions options, List<String> notes, Map<String, String> flags) {
        ObjectNode forti = MAPPER.createObjectNode().put("type", "fortivpn");
        forti.put("server", options.destination().host() + ":" + options.destination().port());
        forti.putObject("saml").put("enabled", true).put("listen", SAML_LISTEN);
        flags.put("$.backend.server", options.destinationFlag());
        notes.add("sign in as with pterodapter: open the SAML link Quetzal logs (also in /status) in a browser on"
                + " this machine; it comes back to " + SAML_LISTEN + ". Quetzal keeps the cookie and reconnects with"
                + " it, so a dropped tunnel needs no new sign-in while the FortiGate still knows the session.");
        notes.add("Quetzal trusts the FortiGate's certificate through the JDK's CA store (pterodapter: the OS store)"
                + " and also accepts TLS 1.2 (pterodapter: 1.3 only); add backend.tls.caFile or pins if needed.");
        return forti;
    }

    private static ObjectNode nat64(PterodapterOptions options, List<String> notes) {
        ObjectNode nat64 = MAPPER.createObjectNode().put("type", "nat64");
        nat64.put("prefix", options.nat64Prefix().toString());
        if (options.nat64Prefix().equals(WELL_KNOWN_PREFIX)) {
            nat64.put("checkWellKnownPrefix", false);
            notes.add("--nat64-prefix is 64:ff9b::/96: RFC 6052 §3.1 keeps private IPv4 out of it, but pterodapter"
                    + " does not check and corporate addresses usually are private, so the check is off; consider"
                    + " 64:ff9b:1::/96 (RFC 8215).");
        }
        ObjectNode dns64 = nat64.putObject("dns64");
        if (options.dns64Suffixes().isEmpty()) {
            dns64.put("enabled", false);
            notes.add("no --dns64-tunnel-suffix: DNS64 is off, as pterodapter synthesizes no AAAA records without one.");
        } else {
            ArrayNode suffixes = dns64.putArray("suffixes");
            options.dns64Suffixes().forEach(suffixes::add);
            // pterodapter answers A queries for these names with an empty NOERROR, so Windows uses the AAAA.
            dns64.put("aQueries", "empty");
        }
        return nat64;
    }

    private static ObjectNode splitDns(PterodapterOptions options, List<String> notes) {
        ObjectNode splitDns = MAPPER.createObjectNode().put("type", "split-dns");
        ArrayNode domains = splitDns.putArray("tunnelDomains");
        options.tunnelDomains().forEach(domains::add);
        notes.add("--tunnel-domain: pterodapter resolves these names itself every 5 minutes; Quetzal routes the"
                + " addresses in DNS answers for them and their subdomains as they pass, and resolves each name"
                + " through the FortiGate's DNS. Queries for other names are answered from this host's resolver.");
        return splitDns;
    }

    private static String filter(int index) {
        return "$.filters[" + index + "]";
    }
}
