package dev.quetzal.api.command;

import java.util.List;

/**
 * A command a plugin adds to the {@code quetzal} command line: {@code quetzal <name> ARGS...}.
 *
 * <p>The runtime lists it in {@code quetzal --help} and {@code quetzal plugins} with its {@link
 * #summary()}, and hands every argument after the name to {@link #run} as typed: the plugin parses
 * them itself (it may bundle a parser such as picocli in its own folder). A name must not clash with
 * a built-in command or another plugin's command; a clash stops the runtime from loading plugins.
 *
 * <p>{@link #run} is called on the main thread with the plugin's class loader as the thread context
 * loader. Its return value becomes the process's exit status (0 done, 1 failed, 2 bad arguments, by
 * the runtime's convention); an exception is printed as one line on standard error and gives exit
 * status 1, so a plugin should throw only for failures its message explains. Implementations do no
 * work until {@link #run}: {@code name()} and {@code summary()} are called by every command.
 *
 * @since API 1.1
 */
public interface PluginCommand {
    /** The command's name: lowercase letters, digits and dashes, starting with a letter, at most 63 characters. */
    String name();

    /** One line for {@code quetzal --help}, without a trailing period. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name, unparsed
     * @return the exit status
     */
    int run(CommandContext context, List<String> args) throws Exception;
}
