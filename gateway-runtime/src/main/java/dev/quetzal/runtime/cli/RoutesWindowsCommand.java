package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.routes.WindowsRouteScript;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "windows", mixinStandardHelpOptions = true,
        description = {"Print a PowerShell script that puts the running gateway's routes and DNS domains on a Windows"
                + " VPN connection (Windows ignores the split routes IKEv2 pushes): split tunnelling, one route per"
                + " include prefix, an NRPT rule per DNS domain. Run it elevated; run it again after the routes change."})
final class RoutesWindowsCommand implements Callable<Integer> {
    @ParentCommand
    RoutesCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StatusSource source;

    @Option(names = "--connection", paramLabel = "NAME", defaultValue = WindowsRouteScript.DEFAULT_CONNECTION,
            description = {"The VPN connection's name in Windows.", "Default: ${DEFAULT-VALUE}"})
    String connection;

    @Override
    public Integer call() throws InterruptedException {
        WindowsRouteScript script;
        try {
            script = new WindowsRouteScript(connection);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        return source.print(parent.parent.options, spec, parent.source, (routes, url) -> {
            if (!routes.dnsDomains().isEmpty() && routes.dnsServers().isEmpty()) {
                spec.commandLine().getErr().println("note: the gateway's uplink is " + routes.uplinkState()
                        + " and reports no DNS servers: the script leaves the NRPT rules as they are");
            }
            return script.render(routes, url);
        });
    }
}
