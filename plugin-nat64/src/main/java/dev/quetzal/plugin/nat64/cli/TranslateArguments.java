package dev.quetzal.plugin.nat64.cli;

import dev.quetzal.api.config.ConfigValueException;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.plugin.nat64.Nat64Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code quetzal nat64 translate}, parsed and checked. */
sealed interface TranslateArguments {
    String USAGE = """
            Usage: quetzal nat64 translate [--prefix P] [--map V6=V4]... [--lowest-ipv6-mtu N]
                                           [--no-wkp-check] [--udp-zero-checksum compute|drop] IN.pcap OUT.pcap
            Translates every packet of IN.pcap (raw IP: link type 101, 228 or 229) with RFC 7915, IPv6 to
            IPv4 or IPv4 to IPv6 by each packet's version, and writes what comes out (fragments and ICMP
            errors included) to OUT.pcap (link type 101) with the input's timestamps. Dropped packets are
            listed on standard error with their index (from 1) and reason.
              --prefix P              RFC 6052 prefix, /32 /40 /48 /56 /64 or /96 (default 64:ff9b::/96)
              --map V6=V4             explicit mapping (RFC 7757), addresses or prefixes; repeatable
              --lowest-ipv6-mtu N     fragment IPv4 packets without DF to this size (default 1280)
              --no-wkp-check          allow non-global IPv4 under 64:ff9b::/96 (RFC 6052 §3.1)
              --udp-zero-checksum M   compute (default) or drop IPv4 UDP with a zero checksum
            """;

    record Help() implements TranslateArguments {}

    record Invalid(String message) implements TranslateArguments {}

    record Run(Nat64Config config, Path in, Path out) implements TranslateArguments {}

    static TranslateArguments parse(List<String> args, Path workingDirectory) {
        IpPrefix prefix = IpPrefix.parse("64:ff9b::/96");
        List<Nat64Config.Mapping> mappings = new ArrayList<>();
        Integer mtu = null;
        boolean check = true;
        String udp = "compute";
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "-h", "--help" -> {
                        return new Help();
                    }
                    case "--prefix" -> prefix = IpPrefix.parse(value(args, ++i, arg));
                    case "--map" -> mappings.add(mapping(value(args, ++i, arg)));
                    case "--lowest-ipv6-mtu" -> mtu = number(value(args, ++i, arg), arg);
                    case "--no-wkp-check" -> check = false;
                    case "--udp-zero-checksum" -> udp = value(args, ++i, arg);
                    default -> {
                        if (arg.startsWith("-") && arg.length() > 1) {
                            return new Invalid("unknown option " + arg);
                        }
                        files.add(arg);
                    }
                }
            }
            if (files.size() != 2) {
                return new Invalid("expected IN.pcap and OUT.pcap, got " + files.size() + " file argument(s)");
            }
            Nat64Config config = new Nat64Config(prefix, mappings, mtu, check, udp);
            return new Run(config, workingDirectory.resolve(files.get(0)), workingDirectory.resolve(files.get(1)));
        } catch (ConfigValueException e) {
            return new Invalid(option(e.field()) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static String option(String field) {
        return switch (field) {
            case "prefix" -> "--prefix";
            case "lowestIpv6Mtu" -> "--lowest-ipv6-mtu";
            case "udpZeroChecksum" -> "--udp-zero-checksum";
            default -> "--map";
        };
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a number, got \"" + text + "\"");
        }
    }

    private static Nat64Config.Mapping mapping(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--map: expected V6=V4, got \"" + text + "\"");
        }
        try {
            return new Nat64Config.Mapping(IpPrefix.parse(text.substring(0, eq)), IpPrefix.parse(text.substring(eq + 1)));
        } catch (ConfigValueException e) {
            throw new IllegalArgumentException("--map " + text + ": " + e.getMessage());
        }
    }
}
