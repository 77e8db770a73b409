package dev.quetzal.runtime.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asks for, read before picocli parses it: plugin commands must be known
 * before parsing, and their arguments must reach the plugin untouched. Only the global options
 * ({@code --plugins}, {@code --log-level}) may come before a plugin command's name.
 *
 * @param command the first argument that is not an option, or null
 * @param rest the arguments after {@code command}
 * @param onlyGlobalOptionsBefore whether everything before {@code command} is a global option
 */
record CommandPrescan(String command, List<String> rest, boolean onlyGlobalOptionsBefore, Path pluginsDirectory,
        String logLevel) {
    static CommandPrescan of(String[] args) {
        Path plugins = null;
        String logLevel = null;
        boolean onlyGlobal = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-")) {
                return new CommandPrescan(arg, List.of(args).subList(i + 1, args.length), onlyGlobal, plugins, logLevel);
            }
            if (arg.startsWith("--plugins=")) {
                plugins = Path.of(arg.substring("--plugins=".length()));
            } else if (arg.startsWith("--log-level=")) {
                logLevel = arg.substring("--log-level=".length());
            } else if ((arg.equals("--plugins") || arg.equals("--log-level")) && i + 1 < args.length) {
                i++;
                if (arg.equals("--plugins")) {
                    plugins = Path.of(args[i]);
                } else {
                    logLevel = args[i];
                }
            } else {
                onlyGlobal = false;
            }
        }
        return new CommandPrescan(null, List.of(), onlyGlobal, plugins, logLevel);
    }
}
