package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.config.LoadedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a config file against the installed plugins without starting anything.")
final class CheckConfigCommand implements Callable<Integer> {
    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JSON config to check.")
    Path file;

    @Override
    public Integer call() {
        GlobalOptions options = parent.options;
        if (!options.applyLogLevel(spec.commandLine().getErr())) {
            return ExitCodes.BAD_INPUT;
        }
        LoadedConfig loaded = new Startup(options, spec.commandLine().getErr(), System.getenv(), parent).pluginsAndConfig(file);
        if (loaded == null) {
            return ExitCodes.BAD_INPUT;
        }
        spec.commandLine().getOut().println(file + ": OK. " + summary(loaded));
        return ExitCodes.OK;
    }

    /** One line naming every component, for check-config and the run log. */
    static String summary(LoadedConfig loaded) {
        return "backend " + describe(List.of(loaded.backend())) + "; filters " + describe(loaded.filters())
                + "; frontends " + describe(loaded.frontends());
    }

    private static String describe(List<ComponentSpec> specs) {
        if (specs.isEmpty()) {
            return "none";
        }
        return specs.stream()
                .map(s -> s.name().equals(s.type()) ? s.name() : s.name() + " (" + s.type() + ")")
                .collect(Collectors.joining(", "));
    }
}
