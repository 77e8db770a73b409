package dev.quetzal.plugin.ikev2.certs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses the arguments of {@code quetzal certs}, then checks them; the result says what to do. */
final class CertsArguments {
    /** What the arguments ask for. */
    sealed interface Parsed {
        /** Make certificates. */
        record Run(CertsRequest request) implements Parsed {}

        /** Print {@link #USAGE}. */
        record Help() implements Parsed {}

        /** Bad arguments: one line saying what is wrong. */
        record Invalid(String message) implements Parsed {}
    }

    static final String DEFAULT_CA_NAME = "Quetzal VPN CA";

    static final String USAGE = """
            Usage: quetzal certs ca     --out DIR [--name CN] [--key TYPE]
                   quetzal certs server --ca DIR --out DIR --name DNS-NAME [--san NAME|IP]... [--key TYPE]
                   quetzal certs client --ca DIR --out DIR --name USER[@DOMAIN] [--p12-password-env VAR] [--key TYPE]
            Creates a root CA, IKEv2 server certificates and client certificates that macOS, iOS, Windows and
            strongSwan accept.
              --out DIR      folder for the new files; it is created, existing files are never overwritten
              --ca DIR       folder with ca.pem and ca-key.pem from "quetzal certs ca"
              --name NAME    ca: the CA's common name (default "Quetzal VPN CA");
                             server: the DNS name clients connect to (use a name, not an IP address);
                             client: an e-mail address (certificate rfc822Name, IKE ID_RFC822_ADDR) or a
                             name (dNSName, ID_FQDN): the identity the client sends
              --san NAME|IP  server: another DNS name or IP address; repeat it or separate with commas
              --key TYPE     ecdsa-p256 (default), ecdsa-p384 or rsa-3072
              --p12-password-env VAR
                             client: the PKCS#12 password is in environment variable VAR; without it a
                             password is generated and printed once
            Files: ca: ca.pem, ca-key.pem; server: NAME.pem, NAME-key.pem, ca.pem;
                   client: NAME.pem, NAME-key.pem, NAME.p12 (for macOS, iOS, Windows), ca.pem
            """;

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "ca", Set.of("--out", "--name", "--key"),
            "server", Set.of("--ca", "--out", "--name", "--san", "--key"),
            "client", Set.of("--ca", "--out", "--name", "--p12-password-env", "--key"));

    private CertsArguments() {}

    static Parsed parse(List<String> args, Path workingDirectory) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.getFirst().equals("help")) {
            return new Parsed.Help();
        }
        String command = args.getFirst();
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            return new Parsed.Invalid("unknown subcommand \"" + command + "\"; expected ca, server or client");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                option = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!allowed.contains(option)) {
                return new Parsed.Invalid(command + ": " + (arg.startsWith("-") ? "unknown option " + option : "unexpected argument \"" + arg + "\""));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return new Parsed.Invalid(command + ": " + option + " needs a value");
                }
                value = args.get(++i);
            }
            List<String> list = values.computeIfAbsent(option, o -> new ArrayList<>());
            if (!list.isEmpty() && !option.equals("--san")) {
                return new Parsed.Invalid(command + ": " + option + " given twice");
            }
            list.add(value);
        }
        try {
            return new Parsed.Run(switch (command) {
                case "ca" -> authority(values, workingDirectory);
                case "server" -> server(values, workingDirectory);
                default -> client(values, workingDirectory);
            });
        } catch (BadArgument e) {
            return new Parsed.Invalid(command + ": " + e.getMessage());
        }
    }

    private static CertsRequest.Authority authority(Map<String, List<String>> values, Path cwd) throws BadArgument {
        String name = optional(values, "--name").orElse(DEFAULT_CA_NAME);
        String commonName = CertificateNames.commonName(name)
                .orElseThrow(() -> new BadArgument("--name: expected 1 to 64 printable characters, got \"" + name + "\""));
        return new CertsRequest.Authority(folder(values, "--out", cwd), commonName, key(values));
    }

    private static CertsRequest.Server server(Map<String, List<String>> values, Path cwd) throws BadArgument {
        Path ca = folder(values, "--ca", cwd);
        Path out = folder(values, "--out", cwd);
        String name = required(values, "--name");
        String dnsName = CertificateNames.dnsName(name).orElseThrow(() -> new BadArgument("--name: expected a DNS name like"
                + " vpn.example.com, got \"" + name + "\"" + (CertificateNames.ipLiteral(name).isPresent()
                        ? "; clients (Windows, Apple) want a name: put IP addresses in --san" : "")));
        List<SubjectAltName> extra = new ArrayList<>();
        for (String list : values.getOrDefault("--san", List.of())) {
            for (String item : list.split(",", -1)) {
                String text = item.strip();
                Optional<SubjectAltName> san = CertificateNames.ipLiteral(text).<SubjectAltName>map(SubjectAltName.Ip::new)
                        .or(() -> CertificateNames.dnsName(text).map(SubjectAltName.Dns::new));
                extra.add(san.orElseThrow(() -> new BadArgument("--san: expected a DNS name or an IP address, got \"" + text + "\"")));
            }
        }
        return new CertsRequest.Server(ca, out, dnsName, extra, key(values));
    }

    private static CertsRequest.Client client(Map<String, List<String>> values, Path cwd) throws BadArgument {
        Path ca = folder(values, "--ca", cwd);
        Path out = folder(values, "--out", cwd);
        String name = required(values, "--name");
        SubjectAltName identity = name.contains("@")
                ? CertificateNames.email(name).map(SubjectAltName.Email::new).orElseThrow(() -> new BadArgument(
                        "--name: expected an e-mail address like alice@example.com (letters, digits and . _ + - before the @),"
                                + " got \"" + name + "\""))
                : CertificateNames.dnsName(name).map(SubjectAltName.Dns::new).orElseThrow(() -> new BadArgument(
                        "--name: expected an e-mail address or a name like alice (letters, digits, dashes, dots), got \"" + name + "\""));
        Optional<String> variable = optional(values, "--p12-password-env");
        if (variable.isPresent() && !variable.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BadArgument("--p12-password-env: expected an environment variable name, got \"" + variable.get() + "\"");
        }
        return new CertsRequest.Client(ca, out, identity, variable, key(values));
    }

    private static KeyType key(Map<String, List<String>> values) throws BadArgument {
        Optional<String> text = optional(values, "--key");
        if (text.isEmpty()) {
            return KeyType.ECDSA_P256;
        }
        return KeyType.ofOption(text.get())
                .orElseThrow(() -> new BadArgument("--key: expected " + KeyType.choices() + ", got \"" + text.get() + "\""));
    }

    private static Path folder(Map<String, List<String>> values, String option, Path cwd) throws BadArgument {
        String text = required(values, option);
        try {
            return cwd.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadArgument(option + ": not a path: \"" + text + "\"");
        }
    }

    private static String required(Map<String, List<String>> values, String option) throws BadArgument {
        return optional(values, option).orElseThrow(() -> new BadArgument(option + " is required"));
    }

    private static Optional<String> optional(Map<String, List<String>> values, String option) {
        List<String> list = values.get(option);
        return list == null ? Optional.empty() : Optional.of(list.getFirst());
    }

    /** A bad option value; becomes {@link Parsed.Invalid}. */
    private static final class BadArgument extends Exception {
        BadArgument(String message) {
            super(message, null, false, false);
        }
    }
}
