package dev.quetzal.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quetzal demo}: loads the demo from the installation's {@code lib/demo/*.jar} in a class loader of its own
 * (parent: the runtime's), so the runtime carries no plugin code, and runs it until it ends or a stop signal.
 */
@Command(name = DemoCommand.NAME,
        description = "Start the FortiGate emulator, the gateway with every plugin and an IKEv2 client in one process,"
                + " show DNS64, ping and HTTP through them; `demo --help` for options.")
final class DemoCommand implements Callable<Integer> {
    static final String NAME = "demo";

    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "The demo's options: --dir, --listen, --once, --help.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions options = parent.options;
        if (!options.applyLogLevel(err)) {
            return ExitCodes.BAD_INPUT;
        }
        String home = System.getProperty(GlobalOptions.HOME_PROPERTY);
        Path folder = home == null ? null : Path.of(home, "lib", "demo");
        List<URL> jars = folder == null ? List.of() : jars(folder);
        if (jars.isEmpty()) {
            err.println("demo: not installed: no jars in " + (folder == null ? "lib/demo/ (not run from an"
                    + " installation; use ./quetzal demo or bin/quetzal demo)" : folder));
            return ExitCodes.BAD_INPUT;
        }
        if (options.logLevel == null) {
            quietLogs(); // the demo's own steps are the output; warnings and errors still show
        }
        try (URLClassLoader loader = new URLClassLoader("quetzal-demo", jars.toArray(URL[]::new),
                DemoCommand.class.getClassLoader())) {
            Iterator<DemoLauncher> found = ServiceLoader.load(DemoLauncher.class, loader).iterator();
            if (!found.hasNext()) {
                err.println("demo: " + folder + " holds no " + DemoLauncher.class.getName() + " provider");
                return ExitCodes.BAD_INPUT;
            }
            DemoLauncher demo = found.next();
            StopSignals signals = StopSignals.install();
            PluginCommandContext context = new PluginCommandContext(spec.commandLine().getOut(), err, System.in,
                    Path.of(""), System.getenv(), Optional.ofNullable(home).map(Path::of));
            try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
                return demo.run(arguments, context, options.pluginsDirectory(), signals.received());
            }
        }
    }

    private static List<URL> jars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IOException("cannot use " + jar + ": " + e.getMessage(), e);
                }
            }
        }
        return urls;
    }

    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
