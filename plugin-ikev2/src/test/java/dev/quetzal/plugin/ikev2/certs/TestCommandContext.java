package dev.quetzal.plugin.ikev2.certs;

import dev.quetzal.api.command.CommandContext;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A command context whose output the test reads back. */
public final class TestCommandContext implements CommandContext {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final PrintWriter outWriter = new PrintWriter(out, true);
    private final PrintWriter errWriter = new PrintWriter(err, true);
    private final Path workingDirectory;
    private final Map<String, String> environment;

    public TestCommandContext(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
    }

    public String outText() {
        return out.toString();
    }

    public String errText() {
        return err.toString();
    }

    @Override
    public PrintWriter out() {
        return outWriter;
    }

    @Override
    public PrintWriter err() {
        return errWriter;
    }

    @Override
    public InputStream stdin() {
        return InputStream.nullInputStream();
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Optional<Path> quetzalHome() {
        return Optional.empty();
    }
}
