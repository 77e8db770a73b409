package dev.quetzal.runtime.cli;

import dev.quetzal.api.ApiVersion;
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
            PluginsCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, or stopped cleanly by SIGTERM or Ctrl-C",
            "1:the gateway failed while running",
            "2:bad command line, config file or plugin"
        })
public final class QuetzalCommand implements Runnable {
    @Mixin
    GlobalOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with Quetzal's error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new QuetzalCommand());
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
