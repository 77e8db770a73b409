package dev.quetzal.runtime.plugin;

import java.util.ServiceConfigurationError;

/**
 * A plugin that cannot be loaded. The message is one line that names the jar or folder at fault, so
 * the command line can print it as is; the original exception, if any, is kept as the cause.
 */
public final class PluginLoadException extends Exception {
    public PluginLoadException(String message) {
        super(oneLine(message));
    }

    public PluginLoadException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code context: what went wrong}, without a stack trace, keeping {@code cause}. */
    static PluginLoadException causedBy(String context, Throwable cause) {
        return new PluginLoadException(context + ": " + describe(cause), cause);
    }

    /** The cause's type and message; for ServiceLoader errors also the provider's own exception. */
    static String describe(Throwable cause) {
        if (cause instanceof ServiceConfigurationError error) {
            // ServiceLoader prefixes every message with the service name; the reader knows it already.
            String text = String.valueOf(error.getMessage()).replaceFirst("^[\\w.$]+: ", "");
            return error.getCause() == null ? text : text + ": " + describe(error.getCause());
        }
        String type = cause.getClass().getSimpleName().isEmpty() ? cause.getClass().getName() : cause.getClass().getSimpleName();
        return cause.getMessage() == null ? type : type + ": " + cause.getMessage();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
