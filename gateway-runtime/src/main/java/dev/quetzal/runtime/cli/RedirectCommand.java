package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.service.PortRedirect;
import dev.quetzal.runtime.cli.service.ServiceSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quetzal pf} and {@code quetzal nftables}: the same redirect for macOS and for Linux. */
abstract class RedirectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceConfigOption config;

    @Option(names = "--address", paramLabel = "SPARE", defaultValue = PortRedirect.DEFAULT_ADDRESS,
            description = "The spare IPv4 address clients dial (default: ${DEFAULT-VALUE}, TEST-NET-1).")
    String address;

    abstract String render(String spare, ServiceSettings settings);

    @Override
    public Integer call() {
        String name = spec.name();
        ServiceSettings settings = config.read(name, spec.commandLine().getErr());
        if (settings == null) {
            return ExitCodes.BAD_INPUT;
        }
        try {
            spec.commandLine().getOut().print(render(PortRedirect.checkAddress(address), settings));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(name + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    @Command(name = "pf", mixinStandardHelpOptions = true,
            description = "Print a macOS pf anchor that sends UDP 500/4500 for a spare address to Quetzal's ports.")
    static final class Pf extends RedirectCommand {
        @Override
        String render(String spare, ServiceSettings settings) {
            return PortRedirect.pf(spare, settings);
        }
    }

    @Command(name = "nftables", mixinStandardHelpOptions = true,
            description = "Print an nftables table that sends UDP 500/4500 for a spare address to Quetzal's ports.")
    static final class Nftables extends RedirectCommand {
        @Override
        String render(String spare, ServiceSettings settings) {
            return PortRedirect.nftables(spare, settings);
        }
    }
}
