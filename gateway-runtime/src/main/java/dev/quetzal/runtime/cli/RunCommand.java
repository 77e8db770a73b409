package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.config.ComponentSpec;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.wiring.Gateway;
import dev.quetzal.runtime.wiring.GatewayModule;
import dev.quetzal.runtime.wiring.GatewayStartException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway until SIGTERM or Ctrl-C, then stop every component in reverse order.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The JSON config (default: conf/gateway.json of the installation).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        GlobalOptions options = parent.options;
        if (!options.applyLogLevel(spec.commandLine().getErr())) {
            return ExitCodes.BAD_INPUT;
        }
        Path file = config != null ? config : GlobalOptions.defaultConfig();
        if (file == null) {
            spec.commandLine().getErr().println("run: --config FILE is required outside an installation");
            return ExitCodes.BAD_INPUT;
        }
        Startup startup = new Startup(options, spec.commandLine().getErr(), System.getenv(), parent);
        LoadedConfig loaded = startup.pluginsAndConfig(file);
        if (loaded == null) {
            return ExitCodes.BAD_INPUT;
        }
        return runLoaded(startup, loaded, file);
    }

    /**
     * Starts a loaded config and runs it until SIGTERM or Ctrl-C; returns the exit status. Shared with
     * commands that make their config themselves.
     */
    static int runLoaded(Startup startup, LoadedConfig loaded, Path file) throws InterruptedException {
        log.info("config {}: {}", file, CheckConfigCommand.summary(loaded));
        for (ComponentSpec component : loaded.components()) {
            log.info("{} {}: type \"{}\" from {}", component.kind().label(), component.name(), component.type(),
                    component.plugin().source());
        }
        log.debug("effective config: {}", loaded);

        Gateway gateway = GatewayModule.createGateway(loaded);
        StopSignals signals = StopSignals.install();
        try {
            gateway.start();
        } catch (GatewayStartException e) {
            startup.report(e);
            return ExitCodes.FAILURE;
        }
        String reason = signals.await();
        log.info("{}: stopping", reason);
        boolean clean = gateway.stop();
        log.info(clean ? "stopped" : "stopped, but some component did not close cleanly");
        return clean ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
