package dev.quetzal.demo;

import dev.quetzal.api.net.IpAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code quetzal demo}.
 *
 * @param dir where the generated config and certificates go
 * @param listen the address of the IKEv2 frontend (127.0.0.1, or one a device on the LAN reaches)
 * @param once run the steps, then stop
 */
record DemoOptions(Path dir, String listen, boolean once) {
    static final String USAGE = """
            Usage: quetzal demo [--dir DIR] [--listen ADDRESS] [--once]
            Starts, in this one process, the FortiGate emulator with its corporate network, the gateway with
            every plugin (ikev2, nat64 with DNS64, split-dns, fortivpn; NAPT on) and an IKEv2 client; resolves
            intranet.corp.example through DNS64, pings it and fetches its web page through the whole chain,
            then keeps running for a real device until Ctrl-C or SIGTERM.
              --dir DIR          folder for the generated config and certificates (default ./quetzal-demo);
                                 the certificates are kept and used again by the next run
              --listen ADDRESS   address of the IKEv2 frontend (default 127.0.0.1); give one of this
                                 machine's LAN addresses to let a phone or laptop connect
              --once             run the steps, then stop (exit status 0 when every step worked)
              --help             this text
            """;

    /** What the arguments ask for. */
    sealed interface Parsed {
        record Run(DemoOptions options) implements Parsed {}

        record Help() implements Parsed {}

        record Invalid(String message) implements Parsed {}
    }

    static Parsed parse(List<String> args, Path workingDirectory) {
        Path dir = workingDirectory.resolve("quetzal-demo");
        String listen = "127.0.0.1";
        boolean once = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h", "help" -> {
                    return new Parsed.Help();
                }
                case "--once" -> once = true;
                case "--dir", "--listen" -> {
                    String value = inline != null ? inline : i + 1 < args.size() ? args.get(++i) : null;
                    if (value == null || value.isEmpty()) {
                        return new Parsed.Invalid(name + ": expected a value");
                    }
                    if (name.equals("--dir")) {
                        dir = workingDirectory.resolve(value);
                    } else {
                        try {
                            listen = IpAddress.parse(value).toString();
                        } catch (IllegalArgumentException e) {
                            return new Parsed.Invalid("--listen: expected an IP address, got \"" + value + "\"");
                        }
                    }
                }
                default -> {
                    return new Parsed.Invalid("unknown option \"" + arg + "\"");
                }
            }
        }
        return new Parsed.Run(new DemoOptions(dir.toAbsolutePath().normalize(), listen, once));
    }
}
