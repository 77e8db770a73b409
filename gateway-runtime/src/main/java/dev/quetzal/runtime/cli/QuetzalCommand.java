package dev.quetzal.runtime.cli;

import dev.quetzal.api.ApiVersion;
import dev.quetzal.runtime.plugin.PluginDiscovery;
import dev.quetzal.runtime.plugin.PluginLoadException;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code quetzal}: the gateway's command line. */
@Command(
        name = "quetzal",
        mixinStandardHelpOptions = true,
        versionProvider = QuetzalCommand.Version.class,
        description = "A plugin-based VPN gateway: IKEv2 clients in front, a FortiGate SSL-VPN behind.",
        subcommands = {
            RunCommand.class,
            CheckConfigCommand.class,
            DoctorCommand.class,
            PluginsCommand.class,
            RoutesCommand.class,
            PterodapterCommand.class,
            DemoCommand.class,
            ServiceCommand.class,
            RedirectCommand.Pf.class,
            RedirectCommand.Nftables.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, or stopped cleanly by SIGTERM or Ctrl-C",
            "1:the gateway failed while running, (routes) its status could not be read, or (doctor) a check failed",
            "2:bad command line, config file or plugin"
        })
public final class QuetzalCommand implements Runnable {
    @Mixin
    GlobalOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Plugins discovered before parsing, reused by the command when it asks for the same folder. */
    private Preloaded preloaded;

    /** A registry and the plugins folder it was discovered from (null: none). */
    record Preloaded(Path pluginsDirectory, PluginRegistry registry) {}

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs one command line: discovers the plugins (their commands are subcommands), then either runs a
     * plugin command with the arguments after its name untouched, or lets picocli parse and run a
     * built-in. Returns the exit status.
     */
    public static int execute(String[] args, PluginCommandContext context) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        QuetzalCommand quetzal = commandLine.getCommand();
        CommandPrescan prescan = CommandPrescan.of(args);
        Set<String> builtIns = commandLine.getSubcommands().keySet();
        boolean builtIn = prescan.command() == null || builtIns.contains(prescan.command());

        GlobalOptions options = new GlobalOptions();
        options.pluginsDirectory = prescan.pluginsDirectory();
        options.logLevel = prescan.logLevel();
        StringWriter logLevelProblem = new StringWriter();
        boolean logLevelOk = options.applyLogLevel(new PrintWriter(logLevelProblem));
        if (PterodapterCommand.NAME.equals(prescan.command()) && prescan.onlyGlobalOptionsBefore()) {
            // pterodapter's options are its own (--name value, mode word last): they reach it untouched.
            if (!logLevelOk) {
                context.err().print(logLevelProblem);
                context.err().flush();
                return ExitCodes.BAD_INPUT;
            }
            return runPterodapter(prescan, options, context);
        }
        if (!logLevelOk && !builtIn) {
            context.err().print(logLevelProblem);
            context.err().flush();
            return ExitCodes.BAD_INPUT;
        }
        if (!logLevelOk) {
            options.logLevel = null; // picocli parses it again and reports it
        }
        Path pluginsDirectory = options.pluginsDirectory();
        PluginRegistry registry;
        try {
            registry = discovery().discover(pluginsDirectory, QuetzalCommand.class.getClassLoader());
        } catch (PluginLoadException e) {
            if (!builtIn) {
                // It may be a plugin command that did not load: say why rather than "unknown command".
                new Startup(options, context.err(), context.environment()).report(e);
                return ExitCodes.BAD_INPUT;
            }
            if (prescan.command() == null || prescan.command().equals("help")) {
                context.err().println(e.getMessage());
            }
            return commandLine.execute(args); // run, check-config and plugins discover again and report it
        }
        quetzal.preloaded = new Preloaded(pluginsDirectory, registry);
        for (PluginRegistry.CommandEntry command : registry.commands().values()) {
            PluginCommands.register(commandLine, command, context, quetzal.options);
        }
        PluginRegistry.CommandEntry command = builtIn ? null : registry.findCommand(prescan.command()).orElse(null);
        if (command != null && prescan.onlyGlobalOptionsBefore()) {
            return PluginCommands.run(command, prescan.rest(), context, options.debug());
        }
        return commandLine.execute(args);
    }

    private static int runPterodapter(CommandPrescan prescan, GlobalOptions options, PluginCommandContext context) {
        try {
            return PterodapterCommand.run(prescan.rest(), context.out(), context.err(), options,
                    context.workingDirectory(), context.environment());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
    }

    /** Discovery that refuses plugin commands named like a built-in. */
    static PluginDiscovery discovery() {
        Map<String, String> builtIns = new TreeMap<>();
        String runtime = Objects.toString(Startup.codeLocation(QuetzalCommand.class), "the quetzal runtime");
        for (String name : commandLine().getSubcommands().keySet()) {
            builtIns.put(name, runtime);
        }
        return new PluginDiscovery(ApiVersion.CURRENT, builtIns);
    }

    /** The plugins discovered before parsing when they came from {@code pluginsDirectory}, else null. */
    PluginRegistry preloaded(Path pluginsDirectory) {
        return preloaded != null && Objects.equals(preloaded.pluginsDirectory(), pluginsDirectory) ? preloaded.registry() : null;
    }

    /** The command line of the built-in commands, with Quetzal's error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new QuetzalCommand());
        // Reached only when something other than a global option comes first; pterodapter's options stay its own.
        commandLine.getSubcommands().get(PterodapterCommand.NAME).setUnmatchedOptionsArePositionalParams(true);
        // The demo parses its own options (and its --help), from its own jars.
        commandLine.getSubcommands().get(DemoCommand.NAME).setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("quetzal: " + e);
            e.printStackTrace(cl.getErr());
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionLine()};
        }
    }

    static String versionLine() {
        return "quetzal " + ApiVersion.RELEASE + " (plugin API " + ApiVersion.CURRENT + "), Java "
                + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }
}
