package dev.quetzal.runtime.cli.pterodapter;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.runtime.config.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads pterodapter's command line (pterodapter-inventory §6): {@code --name=value} or {@code --name value},
 * options in any order, then the mode word last. Only the ikev2 mode is offered; l2gateway is refused
 * with what to use instead.
 */
public final class PterodapterParser {
    /** How an option takes its value. */
    private enum Arity { ONE, REPEATED, NONE }

    private static final Map<String, Arity> IKEV2_OPTIONS = ikev2Options();
    /** pterodapter's l2gateway-only options: recognised so the error can say they belong to L2 mode. */
    private static final Map<String, Arity> L2_OPTIONS = Map.of(
            "--listen-interface", Arity.ONE, "--fix-mtu", Arity.NONE, "--process-tso", Arity.NONE);
    private static final Set<String> MODES = Set.of("ikev2", "l2gateway", "help");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    /** Domains must be ASCII, IDNA A-labels (pterodapter-inventory §6). */
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?"
            + "(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

    private PterodapterParser() {}

    /** Parses one command line: the arguments after {@code quetzal pterodapter}. */
    public static PterodapterParse parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h") || (!args.isEmpty() && args.getLast().equals("help"))) {
            return new PterodapterParse.Help();
        }
        if (!args.isEmpty() && args.getLast().equals("l2gateway")) {
            return new PterodapterParse.UsageError(L2_REFUSAL);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        String mode = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (mode != null) {
                return error("the mode word " + mode + " must come last, but " + quote(arg) + " follows it");
            }
            if (!arg.startsWith("--")) {
                if (!MODES.contains(arg)) {
                    return error("unknown mode " + quote(arg) + suggestion(arg, MODES) + "; expected ikev2 last");
                }
                mode = arg;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Arity arity = IKEV2_OPTIONS.get(name);
            if (arity == null && L2_OPTIONS.containsKey(name)) {
                return error(name + " is an option of pterodapter's l2gateway mode, which Quetzal does not offer");
            }
            if (arity == null) {
                return error("unknown option " + name + suggestion(name, IKEV2_OPTIONS.keySet()));
            }
            String value;
            if (arity == Arity.NONE) {
                if (equals >= 0) {
                    return error(name + " takes no value, got " + quote(arg.substring(equals + 1)));
                }
                value = "true";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !(i + 2 == args.size() && MODES.contains(args.get(i + 1)))) {
                value = args.get(++i);
            } else {
                return error(name + " needs a value: " + name + "=VALUE");
            }
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (arity != Arity.REPEATED && !list.isEmpty()) {
                return error(name + " given twice (" + quote(list.getFirst()) + " and " + quote(value)
                        + "); only " + optionsThatRepeat() + " may repeat");
            }
            list.add(value);
        }
        if (mode == null) {
            return error("missing the mode word: end the command line with ikev2");
        }
        try {
            return new PterodapterParse.Ikev2(options(values));
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    /** The options as values; an IllegalArgumentException names the option that is wrong. */
    private static PterodapterOptions options(Map<String, List<String>> values) {
        String logLevel = one(values, "--log-level");
        if (logLevel != null && !LOG_LEVELS.contains(logLevel.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-level: expected trace, debug, info, warn, error or off, got "
                    + quote(logLevel));
        }
        List<IpAddress> listenIps = new ArrayList<>();
        for (String ip : values.getOrDefault("--listen-ip", List.of("::"))) {
            listenIps.add(parse("--listen-ip", ip, IpAddress::parse));
        }
        String destinationFlag = destinationFlag(values);
        HostPort destination = parse(destinationFlag, one(values, destinationFlag), HostPort::parse);
        if (destination.port() == 0) {
            throw new IllegalArgumentException(destinationFlag + ": expected a port 1..65535, got 0");
        }
        IpPrefix nat64Prefix = nat64Prefix(one(values, "--nat64-prefix"));
        List<String> suffixes = domains(values, "--dns64-tunnel-suffix");
        if (!suffixes.isEmpty() && nat64Prefix == null) {
            throw new IllegalArgumentException("--dns64-tunnel-suffix requires --nat64-prefix (DNS64 synthesizes"
                    + " addresses inside that prefix)");
        }
        String idHostname = one(values, "--id-hostname");
        if (idHostname != null && (!DOMAIN.matcher(idHostname).matches() || idHostname.contains("_"))) {
            throw new IllegalArgumentException("--id-hostname: expected a host name such as vpn.example.com, got "
                    + quote(idHostname));
        }
        return new PterodapterOptions(logLevel, listenIps, port(values, "--ike-port", PterodapterOptions.IKE_PORT),
                port(values, "--nat-port", PterodapterOptions.NAT_PORT), destination, destinationFlag,
                domains(values, "--tunnel-domain"), nat64Prefix, suffixes, idHostname,
                requiredPath(values, "--cacert", "Quetzal always checks client certificates against a CA"),
                requiredPath(values, "--cert", "the gateway's PEM certificate"),
                requiredPath(values, "--key", "the gateway's PEM private key"), path(values, "--pcap"),
                values.containsKey("--print-config"), path(values, "--write-config"));
    }

    private static String destinationFlag(Map<String, List<String>> values) {
        boolean destination = values.containsKey("--destination");
        boolean fortivpn = values.containsKey("--fortivpn");
        if (destination && fortivpn) {
            throw new IllegalArgumentException("--destination and --fortivpn are two spellings of one option;"
                    + " give only one");
        }
        if (!destination && !fortivpn) {
            throw new IllegalArgumentException("--fortivpn=HOST:PORT (or --destination) is required: the FortiGate's"
                    + " SSL-VPN address");
        }
        return destination ? "--destination" : "--fortivpn";
    }

    private static IpPrefix nat64Prefix(String text) {
        if (text == null) {
            return null;
        }
        IpPrefix prefix = parse("--nat64-prefix", text, IpPrefix::parse);
        if (prefix.family() != IpFamily.IPV6 || prefix.length() != 96) {
            throw new IllegalArgumentException("--nat64-prefix: expected an IPv6 /96 prefix as pterodapter takes,"
                    + " such as 64:ff9b::/96, got " + text);
        }
        return prefix;
    }

    private static List<String> domains(Map<String, List<String>> values, String name) {
        List<String> domains = values.getOrDefault(name, List.of());
        for (String domain : domains) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException(name + ": expected an ASCII domain name (IDNA A-labels such as"
                        + " xn--bcher-kva.example), got " + quote(domain));
            }
        }
        return domains;
    }

    private static int port(Map<String, List<String>> values, String name, int fallback) {
        String text = one(values, name);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException(name + ": expected a UDP port 0..65535, got " + quote(text));
        }
        return Integer.parseInt(text);
    }

    private static Path requiredPath(Map<String, List<String>> values, String name, String why) {
        Path path = path(values, name);
        if (path == null) {
            throw new IllegalArgumentException(name + "=FILE is required (" + why + ")");
        }
        return path;
    }

    private static Path path(Map<String, List<String>> values, String name) {
        String text = one(values, name);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(name + ": expected a file name, got an empty value");
        }
        return parse(name, text, Path::of);
    }

    private static String one(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.getFirst();
    }

    private static <T> T parse(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String suggestion(String typed, Set<String> candidates) {
        Optional<String> closest = Suggestions.closest(typed, candidates);
        return closest.map(c -> " (did you mean " + c + "?)").orElse("");
    }

    private static String optionsThatRepeat() {
        return String.join(", ", IKEV2_OPTIONS.entrySet().stream()
                .filter(e -> e.getValue() == Arity.REPEATED).map(Map.Entry::getKey).toList());
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static PterodapterParse.UsageError error(String message) {
        return new PterodapterParse.UsageError(message);
    }

    private static Map<String, Arity> ikev2Options() {
        Map<String, Arity> options = new LinkedHashMap<>();
        options.put("--log-level", Arity.ONE);
        options.put("--listen-ip", Arity.REPEATED);
        options.put("--ike-port", Arity.ONE);
        options.put("--nat-port", Arity.ONE);
        options.put("--destination", Arity.ONE);
        options.put("--fortivpn", Arity.ONE);
        options.put("--tunnel-domain", Arity.REPEATED);
        options.put("--nat64-prefix", Arity.ONE);
        options.put("--dns64-tunnel-suffix", Arity.REPEATED);
        options.put("--id-hostname", Arity.ONE);
        options.put("--cacert", Arity.ONE);
        options.put("--cert", Arity.ONE);
        options.put("--key", Arity.ONE);
        options.put("--pcap", Arity.ONE);
        options.put("--print-config", Arity.NONE);
        options.put("--write-config", Arity.ONE);
        return Collections.unmodifiableMap(options);
    }

    /** Why l2gateway is refused, and what to do instead. */
    static final String L2_REFUSAL = "Quetzal does not offer pterodapter's l2gateway mode (an Ethernet-level IPv6"
            + " router on raw sockets or vmnet). Use ikev2 mode instead: devices connect with their built-in IKEv2"
            + " client (Windows, macOS, iOS, Android, strongSwan), and --nat64-prefix with --dns64-tunnel-suffix"
            + " gives IPv6-only devices the same NAT64/DNS64 path as l2gateway. Options --listen-interface,"
            + " --fix-mtu and --process-tso have no equivalent.";
}
