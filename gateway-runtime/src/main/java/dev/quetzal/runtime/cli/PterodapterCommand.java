package dev.quetzal.runtime.cli;

import dev.quetzal.runtime.cli.pterodapter.PterodapterOptions;
import dev.quetzal.runtime.cli.pterodapter.PterodapterParse;
import dev.quetzal.runtime.cli.pterodapter.PterodapterParser;
import dev.quetzal.runtime.cli.pterodapter.PterodapterTranslation;
import dev.quetzal.runtime.cli.pterodapter.PterodapterUsage;
import dev.quetzal.runtime.config.ConfigException;
import dev.quetzal.runtime.config.ConfigLoader;
import dev.quetzal.runtime.config.LoadedConfig;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quetzal pterodapter}: pterodapter's command line turned into Quetzal's config, printed, checked
 * and run. {@link QuetzalCommand#execute} hands it the arguments untouched; picocli only lists it.
 */
@Command(name = "pterodapter",
        description = "Run from pterodapter's command line (--fortivpn=HOST:PORT --cert=... ikev2); `help` for options.")
final class PterodapterCommand implements Callable<Integer> {
    static final String NAME = "pterodapter";

    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "pterodapter's options, then ikev2 or help.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return run(arguments, spec.commandLine().getOut(), spec.commandLine().getErr(), parent.options,
                Path.of("").toAbsolutePath(), System.getenv());
    }

    /** Runs one pterodapter command line; returns the exit status. */
    static int run(List<String> args, PrintWriter out, PrintWriter err, GlobalOptions options, Path workingDirectory,
            Map<String, String> environment) throws InterruptedException {
        PterodapterOptions parsed;
        switch (PterodapterParser.parse(args)) {
            case PterodapterParse.Help help -> {
                out.print(PterodapterUsage.TEXT);
                out.flush();
                return ExitCodes.OK;
            }
            case PterodapterParse.UsageError error -> {
                return usageError(err, error.message());
            }
            case PterodapterParse.Ikev2 ikev2 -> parsed = ikev2.options();
        }
        if (parsed.logLevel() != null) {
            options.logLevel = parsed.logLevel();
            options.applyLogLevel(err);
        }
        Startup startup = new Startup(options, err, environment);
        PluginRegistry plugins = startup.plugins();
        if (plugins == null) {
            return ExitCodes.BAD_INPUT;
        }
        PterodapterTranslation translation;
        try {
            translation = PterodapterTranslation.of(parsed, workingDirectory,
                    plugins.find(ComponentKind.FILTER, "pcap").isPresent());
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        String json = translation.json() + System.lineSeparator();
        out.print(json);
        out.flush();
        translation.notes().forEach(note -> err.println("note: " + note));
        err.flush();
        Path file = parsed.writeConfig() == null ? null : workingDirectory.resolve(parsed.writeConfig());
        try {
            if (file != null) {
                Files.writeString(file, json, StandardCharsets.UTF_8);
            }
            if (parsed.printConfig()) {
                return ExitCodes.OK;
            }
            if (file == null) {
                file = Files.createTempFile("quetzal-pterodapter-", ".json");
                file.toFile().deleteOnExit();
                Files.writeString(file, json, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("quetzal pterodapter: --write-config: cannot write " + file + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        String unreadable = unreadablePemFile(parsed, workingDirectory);
        if (unreadable != null) {
            err.println("quetzal pterodapter: " + unreadable);
            return ExitCodes.BAD_INPUT;
        }
        LoadedConfig loaded;
        try {
            loaded = new ConfigLoader(plugins, environment).load(file);
        } catch (ConfigException e) {
            String flag = e.jsonPath() == null ? null : translation.flagFor(e.jsonPath());
            err.println(flag == null ? e.getMessage() : "quetzal pterodapter: " + flag + ": " + e.problem()
                    + " (" + e.jsonPath() + " in the config above)");
            return ExitCodes.BAD_INPUT;
        }
        return RunCommand.runLoaded(startup, loaded, file);
    }

    /**
     * The ikev2 frontend reads its PEM files only when it starts; checking them first names the option,
     * as pterodapter does at startup. Null when all three are readable files.
     */
    private static String unreadablePemFile(PterodapterOptions parsed, Path workingDirectory) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("--cert", parsed.cert());
        files.put("--key", parsed.key());
        files.put("--cacert", parsed.cacert());
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            Path file = workingDirectory.resolve(entry.getValue()).normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                return entry.getKey() + ": cannot read " + file + (Files.exists(file) ? "" : " (no such file)");
            }
        }
        return null;
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("quetzal pterodapter: " + message);
        err.println("Run `quetzal pterodapter help` for the options.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
