package dev.quetzal.emulator.cli;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.FortiGateEmulator;
import dev.quetzal.emulator.config.ConfigFile;
import dev.quetzal.emulator.config.ConfigFileException;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.network.CorporateNetworks;
import dev.quetzal.emulator.tls.CertificatePin;
import dev.quetzal.emulator.tls.ServerTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fortigate-emulator}: runs the emulator until SIGTERM or SIGINT. Prints one line per fact on
 * standard output (url, pin, users, network); logs go to standard error. Exit status: 0 stopped
 * cleanly, 1 failed while starting, 2 bad command line or config file.
 */
@Command(name = "fortigate-emulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A FortiGate SSL-VPN emulator (HTTPS portal, PPP over TLS) with a small corporate network.")
public final class EmulatorMain implements Callable<Integer> {
    /** The command's port when neither the config nor --listen gives one. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 10443);

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config (see emulator.json)")
    private Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "where to listen (default ${DEFAULT-VALUE} unless the config says otherwise)")
    private HostPort listen;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", converter = UserConverter.class,
            description = "add a password-only user (repeatable; replaces a config user of that name)")
    private List<UserAccount> users = new ArrayList<>();

    @Option(names = "--print-pin", description = "print the certificate's pin-sha256 and exit")
    private boolean printPin;

    @Option(names = "--control-stdin", description = "read test commands from standard input (cut-tunnels,"
            + " expire-sessions, stats, sessions); each is answered with one line on standard output")
    private boolean controlStdin;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;
    private final Supplier<StopSignal> stopSignal;

    private final BufferedReader input;

    EmulatorMain(Map<String, String> environment, Supplier<StopSignal> stopSignal, BufferedReader input) {
        this.environment = environment;
        this.stopSignal = stopSignal;
        this.input = input;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/quetzal/emulator/cli/emulator-logback.xml");
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv(), StopSignal::install,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))));
    }

    /** Runs the command without control input; returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            Supplier<StopSignal> stopSignal) {
        return execute(args, out, err, environment, stopSignal, new BufferedReader(Reader.nullReader()));
    }

    /** Runs the command; {@code input} is read for {@code --control-stdin}; returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            Supplier<StopSignal> stopSignal, BufferedReader input) {
        CommandLine command = new CommandLine(new EmulatorMain(environment, stopSignal, input));
        command.setOut(out);
        command.setErr(err);
        command.setParameterExceptionHandler((e, arguments) -> {
            err.println(e.getMessage());
            err.println("Try 'fortigate-emulator --help'.");
            return 2;
        });
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private int run(PrintWriter out, PrintWriter err) throws Exception {
        EmulatorConfig loaded;
        try {
            loaded = effectiveConfig();
        } catch (ConfigFileException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("fortigate-emulator: " + e.getMessage());
            return 2;
        }
        if (printPin) {
            out.println(CertificatePin.of(ServerTls.create(loaded.tls(), Instant.now()).certificate()));
            return 0;
        }
        String mode = loaded.network().mode().text();
        if (loaded.corporateNetwork() == null && !CorporateNetworks.standard().supports(mode)) {
            err.println("fortigate-emulator: network mode \"" + mode + "\" is not available in this build");
            return 2;
        }
        // Handlers first: a signal right after the facts are printed must already stop cleanly.
        StopSignal stop = stopSignal.get();
        FortiGateEmulator emulator;
        try {
            emulator = FortiGateEmulator.start(loaded);
        } catch (IOException | RuntimeException e) {
            err.println("fortigate-emulator: cannot start: " + e.getMessage());
            return 1;
        }
        try (emulator) {
            out.println("url: " + emulator.url());
            out.println("pin: " + emulator.certificatePin());
            out.println("users: " + loaded.users().stream().map(UserAccount::username).collect(Collectors.joining(", ")));
            out.println("network: " + mode);
            out.flush();
            if (controlStdin) {
                serveControl(new ControlCommands(emulator), out, err);
            }
            stop.await();
        }
        return 0;
    }

    /** Answers control commands on a daemon thread, so that a signal still stops the command while it reads. */
    private void serveControl(ControlCommands control, PrintWriter out, PrintWriter err) {
        Thread.ofPlatform().daemon().name("emulator-control").start(() -> {
            try {
                control.serve(input, out);
            } catch (IOException e) {
                err.println("fortigate-emulator: control input failed: " + e.getMessage());
            }
        });
    }

    private EmulatorConfig effectiveConfig() throws ConfigFileException {
        EmulatorConfig base = config == null
                ? EmulatorConfig.builder().listen(DEFAULT_LISTEN).build()
                : ConfigFile.load(config, environment, DEFAULT_LISTEN);
        List<UserAccount> merged = new ArrayList<>();
        for (UserAccount user : base.users()) {
            if (users.stream().noneMatch(u -> u.username().equals(user.username()))) {
                merged.add(user);
            }
        }
        merged.addAll(users);
        return new EmulatorConfig(listen != null ? listen : base.listen(), base.tls(), merged, base.certificateUsers(),
                base.realms(), base.saml(), base.tunnel(), base.network(), base.corporateNetwork(), base.timeSource());
    }

    static final class HostPortConverter implements CommandLine.ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class UserConverter implements CommandLine.ITypeConverter<UserAccount> {
        @Override
        public UserAccount convert(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                // Never echo the value: it holds a password.
                throw new CommandLine.TypeConversionException("expected NAME:PASSWORD");
            }
            return UserAccount.of(value.substring(0, colon), value.substring(colon + 1));
        }
    }
}
