package dev.quetzal.runtime.plugin;

import dev.quetzal.api.GatewayPlugin;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.runtime.testing.TestPluginJars;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Source text of small test plugins, with knobs for the ways a plugin can be broken. Each plugin
 * offers one filter factory whose filter writes {@link #stamp} into byte 0 of outbound packets.
 */
final class TestPlugins {
    private static final String TEMPLATE = """
            package $PACKAGE;

            import dev.quetzal.api.GatewayPlugin;
            import dev.quetzal.api.backend.BackendFactory;
            import dev.quetzal.api.config.EmptyConfig;
            import dev.quetzal.api.filter.FilterContext;
            import dev.quetzal.api.filter.PacketFilter;
            import dev.quetzal.api.filter.PacketFilterFactory;
            import dev.quetzal.api.filter.Verdict;
            import dev.quetzal.api.frontend.ClientSession;
            import dev.quetzal.api.frontend.FrontendFactory;
            import dev.quetzal.api.packet.PacketBuffer;
            import java.util.List;

            public final class $NAME implements GatewayPlugin {
                public $NAME() {
                    $CONSTRUCTOR
                }

                @Override
                @SuppressWarnings({"rawtypes", "unchecked"})
                public List<$LIST_TYPE> $METHOD() {
                    $FACTORIES
                    return (List) List.of(new Factory());
                }

                public static final class Factory implements PacketFilterFactory<EmptyConfig> {
                    private final String contextLoader = String.valueOf(Thread.currentThread().getContextClassLoader());

                    @Override
                    public String type() {
                        return $TYPE;
                    }

                    @Override
                    @SuppressWarnings({"rawtypes", "unchecked"})
                    public Class<EmptyConfig> configType() {
                        return (Class) $CONFIG_TYPE;
                    }

                    @Override
                    public String description() {
                        return $DESCRIPTION;
                    }

                    /** The context loader while the plugin created this factory. */
                    public String contextLoader() {
                        return contextLoader;
                    }

                    @Override
                    public PacketFilter create(EmptyConfig config, FilterContext context) {
                        return new PacketFilter() {
                            @Override
                            public Verdict outbound(PacketBuffer packet, ClientSession client) {
                                packet.putByte(0, $STAMP);
                                return Verdict.PASS;
                            }
                        };
                    }
                }
            }
            """;

    private final String className;
    private String type;
    private String description = "\"a test filter\"";
    private String stamp = "42";
    private String configType = "EmptyConfig.class";
    private String constructor = "";
    private String factories = "";
    private String method = "packetFilterFactories";
    private String listType = "PacketFilterFactory<?>";

    private TestPlugins(String className, String type) {
        this.className = className;
        this.type = "\"" + type + "\"";
    }

    /** A working filter plugin {@code className} whose factory has {@code type}. */
    static TestPlugins filter(String className, String type) {
        return new TestPlugins(className, type);
    }

    /** A Java expression for the factory's description. */
    TestPlugins description(String expression) {
        this.description = expression;
        return this;
    }

    /** A Java int expression written into byte 0 of each outbound packet. */
    TestPlugins stamp(String expression) {
        this.stamp = expression;
        return this;
    }

    /** A Java expression for configType(); it is cast, so any class compiles. */
    TestPlugins configType(String expression) {
        this.configType = expression;
        return this;
    }

    /** Statements run in the plugin's constructor. */
    TestPlugins constructor(String statements) {
        this.constructor = statements;
        return this;
    }

    /** Statements run when the runtime asks for the factories. */
    TestPlugins beforeFactories(String statements) {
        this.factories = statements;
        return this;
    }

    /** Offers the filter factory from frontendFactories() instead, as an unchecked cast allows. */
    TestPlugins listedAsFrontend() {
        this.method = "frontendFactories";
        this.listType = "FrontendFactory<?>";
        return this;
    }

    String className() {
        return className;
    }

    String source() {
        int dot = className.lastIndexOf('.');
        return TEMPLATE.replace("$PACKAGE", className.substring(0, dot))
                .replace("$NAME", className.substring(dot + 1))
                .replace("$CONSTRUCTOR", constructor)
                .replace("$FACTORIES", factories)
                .replace("$METHOD", method)
                .replace("$LIST_TYPE", listType)
                .replace("$TYPE", type)
                .replace("$CONFIG_TYPE", configType)
                .replace("$DESCRIPTION", description)
                .replace("$STAMP", stamp);
    }

    /** A jar builder with this plugin's source and its service entry. */
    TestPluginJars.Builder jar() {
        return TestPluginJars.builder().source(className, source()).service(GatewayPlugin.class, className);
    }

    /** Writes {@code plugins/<folder>/<folder>.jar} with this plugin and returns it. */
    Path writeTo(Path pluginsDirectory, String folder) throws IOException {
        return jar().write(pluginsDirectory.resolve(folder).resolve(folder + ".jar"));
    }

    /** A context for creating filters in tests: a name and nothing else. */
    static FilterContext context(String name) {
        return () -> name;
    }
}
