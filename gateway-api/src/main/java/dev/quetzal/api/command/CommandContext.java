package dev.quetzal.api.command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link PluginCommand} may use of the process it runs in. Tests pass their own, so commands
 * should read the environment, the working directory and the streams from here, not from {@link
 * System}.
 *
 * @since API 1.1
 */
public interface CommandContext {
    /** Command output (standard output). */
    PrintWriter out();

    /** Errors and diagnostics (standard error). */
    PrintWriter err();

    /** Standard input. */
    InputStream stdin();

    /** The absolute directory relative paths in arguments are resolved against. */
    Path workingDirectory();

    /** The process environment, unmodifiable. */
    Map<String, String> environment();

    /** The installation folder ({@code bin/}, {@code conf/}, {@code plugins/}) when run from one. */
    Optional<Path> quetzalHome();
}
