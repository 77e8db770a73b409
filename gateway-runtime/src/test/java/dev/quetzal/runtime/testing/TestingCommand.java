package dev.quetzal.runtime.testing;

import dev.quetzal.api.command.CommandContext;
import dev.quetzal.api.command.PluginCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Command {@code test-echo} of {@link TestingPlugin}: prints its arguments one per line in brackets,
 * so tests see exactly what reached the plugin. {@code exit N} returns N; {@code fail TEXT} throws
 * with TEXT; {@code env NAME} prints that variable of the context; {@code stdin} copies standard input.
 */
public final class TestingCommand implements PluginCommand {
    @Override
    public String name() {
        return "test-echo";
    }

    @Override
    public String summary() {
        return "Print the arguments as the plugin receives them";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        if (args.size() == 2 && args.getFirst().equals("exit")) {
            return Integer.parseInt(args.get(1));
        }
        if (args.size() == 2 && args.getFirst().equals("fail")) {
            throw new IllegalStateException(args.get(1));
        }
        if (args.size() == 2 && args.getFirst().equals("env")) {
            context.out().println(context.environment().getOrDefault(args.get(1), "(unset)"));
            return 0;
        }
        if (args.size() == 1 && args.getFirst().equals("stdin")) {
            context.out().print(new String(context.stdin().readAllBytes(), StandardCharsets.UTF_8));
            return 0;
        }
        for (String arg : args) {
            context.out().println("[" + arg + "]");
        }
        context.out().println("cwd " + context.workingDirectory());
        return 0;
    }
}
