package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.service.ServiceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} of {@code quetzal service}, {@code pf} and {@code nftables}, read as {@link ServiceSettings}. */
final class ServiceConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The gateway's JSON config (default: conf/gateway.json of the installation).")
    Path config;

    /** The settings, or null after one line on {@code err} saying what is wrong. */
    ServiceSettings read(String command, PrintWriter err) {
        Path file = config != null ? config : GlobalOptions.defaultConfig();
        if (file == null) {
            err.println(command + ": --config FILE is required outside an installation");
            return null;
        }
        try {
            return ServiceSettings.read(file);
        } catch (IllegalArgumentException e) {
            err.println(command + ": --config: " + e.getMessage());
            return null;
        }
    }
}
