package dev.quetzal.runtime.testing;

import dev.quetzal.api.GatewayPlugin;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Plugin jars that offer one command and no factories. The command prints its context loader and its
 * arguments, throws an IOException (two-line message) when an argument is {@code boom}, and otherwise
 * returns the number of arguments as its exit status.
 */
public final class CommandPluginJars {
    private CommandPluginJars() {}

    /**
     * Writes {@code plugins/<folder>/<folder>.jar}; {@code nameExpression} is the Java expression
     * {@code name()} returns (so tests can make it null or malformed).
     */
    public static Path write(Path plugins, String folder, String className, String nameExpression) throws IOException {
        int dot = className.lastIndexOf('.');
        String source = """
                package %s;

                import dev.quetzal.api.GatewayPlugin;
                import dev.quetzal.api.command.CommandContext;
                import dev.quetzal.api.command.PluginCommand;
                import java.util.List;

                public final class %s implements GatewayPlugin {
                    @Override
                    public List<PluginCommand> commands() {
                        return List.of(new Command());
                    }

                    public static final class Command implements PluginCommand {
                        @Override
                        public String name() {
                            return %s;
                        }

                        @Override
                        public String summary() {
                            return "a command from a jar";
                        }

                        @Override
                        public int run(CommandContext context, List<String> args) throws Exception {
                            context.out().println("loader " + Thread.currentThread().getContextClassLoader());
                            context.out().println("args " + args);
                            if (args.contains("boom")) {
                                throw new java.io.IOException("disk on fire\\nsecond line");
                            }
                            return args.size();
                        }
                    }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), nameExpression);
        return TestPluginJars.builder()
                .source(className, source)
                .service(GatewayPlugin.class, className)
                .write(plugins.resolve(folder).resolve(folder + ".jar"));
    }
}
