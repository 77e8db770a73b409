package dev.quetzal.plugin.ikev2.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The command line of {@code quetzal profile}; see {@link #USAGE}. */
final class ProfileArguments {
    static final String USAGE = """
            Usage: quetzal profile macos|ios|windows|android|linux --client DIR/NAME [--config FILE]
                                   [--server HOST] [--out DIR]

            Writes a device profile for the ikev2 frontend of the gateway's config and the client made by
            "quetzal certs client --out DIR --name NAME" (DIR/NAME.pem, NAME-key.pem, NAME.p12, ca.pem):
              macos, ios  NAME.mobileconfig (the PKCS#12, the CA and the IKEv2 VPN)
              windows     NAME.ps1 with NAME.p12 and ca.cer
              android     NAME.sswan for the strongSwan VPN Client
              linux       swanctl/ (swanctl.conf, x509/, x509ca/, private/) for strongSwan

              --client DIR/NAME  the client's files (required)
              --config FILE      the gateway's config (default: conf/gateway.json of the installation)
              --server HOST      the name or address devices dial (default: the frontend's identity)
              --out DIR          where to write (default: the current folder); existing files are kept
            """;

    /** Host names and IP literals only: the value ends up in scripts and configuration files. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.:-]{0,252}[A-Za-z0-9])?");

    sealed interface Parsed {
        record Help() implements Parsed {}

        record Invalid(String message) implements Parsed {}

        record Run(Platform platform, Path client, Optional<Path> config, Optional<String> server, Path out)
                implements Parsed {}
    }

    private ProfileArguments() {}

    static Parsed parse(List<String> args, Path workingDirectory) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            return new Parsed.Help();
        }
        Optional<Platform> platform = Platform.of(args.getFirst());
        if (platform.isEmpty()) {
            return new Parsed.Invalid("expected macos, ios, windows, android or linux first, got \"" + args.getFirst() + "\"");
        }
        Path client = null;
        Path config = null;
        String server = null;
        Path out = workingDirectory;
        for (int i = 1; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                return new Parsed.Invalid(option + ": expected a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--client" -> client = workingDirectory.resolve(value);
                case "--config" -> config = workingDirectory.resolve(value);
                case "--server" -> {
                    if (!HOST.matcher(value).matches()) {
                        return new Parsed.Invalid("--server: expected a host name or IP address, got \"" + value + "\"");
                    }
                    server = value;
                }
                case "--out" -> out = workingDirectory.resolve(value);
                default -> {
                    return new Parsed.Invalid("unknown option \"" + option + "\"");
                }
            }
        }
        if (client == null) {
            return new Parsed.Invalid("--client: required (the DIR/NAME of quetzal certs client)");
        }
        return new Parsed.Run(platform.get(), client, Optional.ofNullable(config), Optional.ofNullable(server), out);
    }
}
