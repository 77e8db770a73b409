package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.service.LaunchdPlist;
import dev.quetzal.runtime.cli.service.ServiceSettings;
import dev.quetzal.runtime.cli.service.SystemdUnit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Print a service definition that runs the installed gateway: a systemd unit or a launchd"
                + " LaunchDaemon.")
final class ServiceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "systemd", mixinStandardHelpOptions = true,
            description = "Print a systemd unit (system: dedicated user, CAP_NET_BIND_SERVICE, hardening; --user: for"
                    + " systemctl --user).")
    int systemd(@Mixin ServiceConfigOption config, @Mixin LauncherOption launcher,
            @Option(names = "--user", description = "A user unit instead of a system unit.") boolean user) {
        ServiceSettings settings = config.read("service systemd", spec.commandLine().getErr());
        Path bin = launcher.resolve("service systemd", spec.commandLine().getErr());
        if (settings == null || bin == null) {
            return ExitCodes.BAD_INPUT;
        }
        return print(() -> SystemdUnit.render(bin, settings, user), "service systemd");
    }

    @Command(name = "launchd", mixinStandardHelpOptions = true,
            description = "Print a macOS LaunchDaemon plist.")
    int launchd(@Mixin ServiceConfigOption config, @Mixin LauncherOption launcher) {
        ServiceSettings settings = config.read("service launchd", spec.commandLine().getErr());
        Path bin = launcher.resolve("service launchd", spec.commandLine().getErr());
        if (settings == null || bin == null) {
            return ExitCodes.BAD_INPUT;
        }
        return print(() -> LaunchdPlist.render(bin, settings), "service launchd");
    }

    private int print(Supplier<String> text, String command) {
        try {
            spec.commandLine().getOut().print(text.get());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(command + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /** {@code --launcher PATH}: the installation's {@code bin/quetzal} by default. */
    static final class LauncherOption {
        @Option(names = "--launcher", paramLabel = "PATH",
                description = "The quetzal launcher to run (default: bin/quetzal of the installation).")
        Path launcher;

        Path resolve(String command, PrintWriter err) {
            if (launcher != null) {
                return launcher.toAbsolutePath().normalize();
            }
            String home = System.getProperty(GlobalOptions.HOME_PROPERTY);
            if (home == null) {
                err.println(command + ": --launcher PATH is required outside an installation");
                return null;
            }
            return Path.of(home, "bin", "quetzal").toAbsolutePath().normalize();
        }
    }
}
