package dev.quetzal.runtime.cli;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.runtime.plugin.PluginRegistry;
import dev.quetzal.runtime.plugin.ThreadContextClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Plugin-contributed commands on the picocli command line: how they are listed and how they run. */
final class PluginCommands {
    private PluginCommands() {}

    /**
     * Adds {@code command} as a subcommand, so help lists it. Its arguments are not parsed: the options
     * every built-in inherits ({@code --log-level}, {@code --plugins}) are taken off again, and the
     * first argument ends option parsing.
     */
    static void register(CommandLine quetzal, PluginRegistry.CommandEntry command, CommandContext context,
            GlobalOptions options) {
        Callable<Integer> call = new Callable<>() {
            @Override
            public Integer call() {
                CommandSpec spec = quetzal.getSubcommands().get(command.name()).getCommandSpec();
                String[] args = spec.positionalParameters().getFirst().getValue();
                return run(command, args == null ? List.of() : Arrays.asList(args), context, options.debug());
            }
        };
        CommandSpec spec = CommandSpec.wrapWithoutInspection(call);
        spec.usageMessage().description(command.summary() + " (plugin " + command.plugin() + ")");
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel("ARGS")
                .arity("0..*")
                .type(String[].class)
                .description("Passed to the plugin as they are.")
                .build());
        spec.parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true);
        quetzal.addSubcommand(command.name(), new CommandLine(spec));
        CommandSpec added = quetzal.getSubcommands().get(command.name()).getCommandSpec();
        for (OptionSpec inherited : List.copyOf(added.options())) {
            if (inherited.inherited()) {
                added.remove(inherited);
            }
        }
    }

    /**
     * Runs a plugin command with the plugin's loader as the context loader. Its return value is the exit
     * status; anything it throws is one line on standard error (with the stack trace at debug level) and
     * status 1.
     */
    static int run(PluginRegistry.CommandEntry command, List<String> args, CommandContext context, boolean debug) {
        try (var _ = new ThreadContextClassLoader(command.classLoader())) {
            return command.command().run(context, List.copyOf(args));
        } catch (Exception | LinkageError | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            context.err().println(command.name() + ": " + describe(e));
            if (debug) {
                e.printStackTrace(context.err());
            }
            return ExitCodes.FAILURE;
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** The message alone for the exceptions commands throw to explain themselves, else with the type. */
    private static String describe(Throwable e) {
        String type = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
        boolean plain = e.getClass() == Exception.class || e.getClass() == RuntimeException.class
                || e.getClass() == IllegalArgumentException.class || e.getClass() == IllegalStateException.class;
        String message = e.getMessage() == null || e.getMessage().isBlank() ? type
                : plain ? e.getMessage() : type + ": " + e.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
