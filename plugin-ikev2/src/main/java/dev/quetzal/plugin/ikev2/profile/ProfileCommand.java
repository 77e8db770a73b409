package dev.quetzal.plugin.ikev2.profile;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.api.command.PluginCommand;
import dev.quetzal.plugin.ikev2.certs.OutputFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * {@code quetzal profile}: a device's configuration for the {@code ikev2} frontend and one client of {@code quetzal
 * certs}, matching the gateway's identity, port, suites and lifetimes (see {@link ProfileArguments#USAGE}). Exit
 * status 0 done, 1 failed (a file exists), 2 bad arguments, config or client files.
 */
public final class ProfileCommand implements PluginCommand {
    @Override
    public String name() {
        return "profile";
    }

    @Override
    public String summary() {
        return "Write a device profile (macOS, iOS, Windows, Android, Linux) for an IKEv2 client";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws GeneralSecurityException, IOException {
        return switch (ProfileArguments.parse(args, context.workingDirectory())) {
            case ProfileArguments.Parsed.Help help -> {
                context.out().print(ProfileArguments.USAGE);
                context.out().flush();
                yield 0;
            }
            case ProfileArguments.Parsed.Invalid invalid -> {
                context.err().println("profile " + invalid.message() + " (see quetzal profile --help)");
                yield ProfileFailure.BAD_INPUT;
            }
            case ProfileArguments.Parsed.Run run -> {
                try {
                    execute(run, context);
                    yield 0;
                } catch (ProfileFailure e) {
                    context.err().println("profile: " + e.getMessage());
                    yield e.status();
                }
            }
        };
    }

    private static void execute(ProfileArguments.Parsed.Run run, CommandContext context)
            throws ProfileFailure, GeneralSecurityException, IOException {
        Path configFile = run.config().or(() -> context.quetzalHome().map(home -> home.resolve("conf").resolve("gateway.json")))
                .orElseThrow(() -> new ProfileFailure(ProfileFailure.BAD_INPUT, "--config: required outside an installation"));
        GatewaySettings gateway = GatewayConfigReader.read(configFile);
        ClientBundle client = ClientBundle.load(run.client());
        if (!client.caSigned(gateway.serverCertificate())) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "the gateway's certificate ("
                    + gateway.serverCertificate().getSubjectX500Principal().getName() + ") is not signed by the client's "
                    + ClientBundle.CA_FILE + " (" + client.ca().getSubjectX500Principal().getName()
                    + "); devices would not trust it");
        }
        // Only Windows takes routes from the device's side; the running gateway's set is the complete one.
        WindowsRoutes windowsRoutes = run.platform() == Platform.WINDOWS
                ? gateway.statusUrl().flatMap(GatewayStatus::fetch).orElseGet(() -> WindowsRoutes.configured(gateway))
                : WindowsRoutes.configured(gateway);
        ProfileInput input = new ProfileInput(gateway, client, run.server().orElse(gateway.identity()), windowsRoutes);
        OutputFiles files = new OutputFiles(run.out());
        for (ProfileFile file : run.platform().files(input)) {
            if (file.secret()) {
                files.addSecret(file.path(), file.content());
            } else {
                files.add(file.path(), file.content());
            }
        }
        List<Path> written;
        try {
            written = files.write();
        } catch (FileAlreadyExistsException e) {
            throw new ProfileFailure(ProfileFailure.FAILED, e.getReason() + "; nothing was written");
        }
        for (Path path : written) {
            context.out().println("wrote " + path);
        }
        context.out().println("gateway " + gateway.identity() + " at " + input.server() + ":" + gateway.ikePort()
                + ", suite " + gateway.firstSuite().ikeProposal() + ", client " + client.identity());
        if (run.platform() == Platform.WINDOWS) {
            context.out().println("routes and DNS domains from " + windowsRoutes.origin());
        }
        context.out().println(run.platform().instructions(input));
        context.out().flush();
    }
}
