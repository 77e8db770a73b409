package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.routes.RouteListing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "routes", mixinStandardHelpOptions = true, subcommands = RoutesWindowsCommand.class,
        description = "Print the running gateway's route set (prefix, include or exclude, source) and its DNS domains,"
                + " read from its status endpoint.")
final class RoutesCommand implements Callable<Integer> {
    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StatusSource source;

    @Override
    public Integer call() throws InterruptedException {
        return source.print(parent.options, spec, null, (routes, url) -> RouteListing.render(routes));
    }
}
