package dev.quetzal.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand takes: the log level and where plugins live. */
final class GlobalOptions {
    /** Set by bin/quetzal to the installation folder. */
    static final String HOME_PROPERTY = "quetzal.home";

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "error, warn, info (default), debug or trace. Debug also prints stack traces of errors.")
    String logLevel;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder with one sub-folder per plugin (default: plugins/ of the installation, else ./plugins).")
    Path pluginsDirectory;

    /** Applies --log-level to the root logger; returns false (after saying why) for an unknown level. */
    boolean applyLogLevel(PrintWriter err) {
        if (logLevel == null) {
            return true;
        }
        Level level = Level.toLevel(logLevel, null);
        if (level == null || !logLevel.equalsIgnoreCase(level.levelStr)) {
            err.println("--log-level: expected error, warn, info, debug or trace, got \"" + logLevel + "\"");
            return false;
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
        return true;
    }

    boolean debug() {
        return logLevel != null && (logLevel.equalsIgnoreCase("debug") || logLevel.equalsIgnoreCase("trace"));
    }

    /** The plugins folder to scan, or null when there is none. */
    Path pluginsDirectory() {
        if (pluginsDirectory != null) {
            return pluginsDirectory;
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home, "plugins");
        }
        Path local = Path.of("plugins");
        return Files.isDirectory(local) ? local : null;
    }

    /** The default config file of an installation, or null outside one. */
    static Path defaultConfig() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null ? null : Path.of(home, "conf", "gateway.json");
    }
}
