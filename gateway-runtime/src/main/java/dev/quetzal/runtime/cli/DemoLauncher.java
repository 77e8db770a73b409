package dev.quetzal.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point of {@code quetzal demo}. The demo lives in the installation's {@code lib/demo/} (it bundles an
 * IKEv2 client, which the runtime must not carry), and {@link DemoCommand} finds its one implementation there with
 * {@link java.util.ServiceLoader}.
 */
public interface DemoLauncher {
    /**
     * Runs the demo and returns the exit status.
     *
     * @param args the arguments after {@code demo}, untouched (the demo parses its own options and {@code --help})
     * @param context the process's streams, environment and working directory
     * @param pluginsDirectory where the gateway's plugins are loaded from
     * @param stop completes with the signal's name at SIGTERM or Ctrl-C
     */
    int run(List<String> args, PluginCommandContext context, Path pluginsDirectory, CompletableFuture<String> stop)
            throws Exception;
}
