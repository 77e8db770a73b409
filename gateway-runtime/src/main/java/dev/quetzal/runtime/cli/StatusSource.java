package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.routes.StatusClient;
import dev.quetzal.runtime.cli.routes.StatusException;
import dev.quetzal.runtime.cli.routes.StatusRoutes;
import java.io.PrintWriter;
import java.net.URI;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --status URL} option of the commands that read a running gateway's route set, and the reading. */
final class StatusSource {
    // No picocli default: "routes --status URL windows" gives the URL to the parent, which then applies.
    @Option(names = "--status", paramLabel = "URL",
            description = {"The gateway's status endpoint.", "Default: " + StatusClient.DEFAULT_URL})
    String status;

    /**
     * Reads the route set and prints what {@code render} makes of it and the URL: exit 0; 2 for a bad
     * URL; 1 with one line when the gateway cannot be reached or answers something else.
     *
     * @param outer the enclosing command's option, used when this one is not given (null: none)
     */
    int print(GlobalOptions options, CommandSpec spec, StatusSource outer, BiFunction<StatusRoutes, URI, String> render)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!options.applyLogLevel(err)) {
            return ExitCodes.BAD_INPUT;
        }
        URI url;
        try {
            url = StatusClient.parseUrl(status != null ? status
                    : outer != null && outer.status != null ? outer.status : StatusClient.DEFAULT_URL);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        StatusRoutes routes;
        try {
            routes = StatusRoutes.parse(new StatusClient().fetch(url));
        } catch (StatusException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILURE;
        } catch (IllegalArgumentException e) {
            err.println(url + ": not the gateway's status: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render.apply(routes, url));
        out.flush();
        return ExitCodes.OK;
    }
}
