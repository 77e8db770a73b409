package dev.quetzal.runtime.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.quetzal.api.ComponentFactory;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.LoadedPlugin;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the discovered plugins, the component types they offer, each type's config fields and their commands.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    QuetzalCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GlobalOptions options = parent.options;
        if (!options.applyLogLevel(spec.commandLine().getErr())) {
            return ExitCodes.BAD_INPUT;
        }
        PluginRegistry registry = new Startup(options, spec.commandLine().getErr(), System.getenv(), parent).plugins();
        if (registry == null) {
            return ExitCodes.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (registry.plugins().isEmpty()) {
            out.println("no plugins found (plugins folder: " + options.pluginsDirectory() + ")");
            return ExitCodes.OK;
        }
        for (LoadedPlugin plugin : registry.plugins()) {
            out.println("plugin " + plugin.name() + "  (" + plugin.source()
                    + (plugin.apiVersion() == null ? "" : ", API " + plugin.apiVersion()) + ")");
            for (PluginRegistry.Entry entry : plugin.entries()) {
                printFactory(out, entry.factory());
            }
            for (PluginRegistry.CommandEntry command : plugin.commands()) {
                out.println("  command \"" + command.name() + "\"" + (command.summary().isEmpty() ? "" : ": " + command.summary())
                        + "  (quetzal " + command.name() + " ...)");
            }
            out.println();
        }
        return ExitCodes.OK;
    }

    private static void printFactory(PrintWriter out, ComponentFactory<?, ?, ?> factory) {
        out.println("  " + ComponentKind.of(factory).label() + " \"" + factory.type() + "\""
                + (factory.description().isEmpty() ? "" : ": " + factory.description()));
        for (RecordComponent component : factory.configType().getRecordComponents()) {
            Field field = field(factory.configType(), component.getName());
            JsonProperty property = field == null ? null : field.getAnnotation(JsonProperty.class);
            JsonPropertyDescription description = field == null ? null : field.getAnnotation(JsonPropertyDescription.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            out.println("      " + name + "  " + typeName(component.getGenericType())
                    + (property != null && property.required() ? "  (required)" : "")
                    + (description != null ? "  " + description.value() : ""));
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String typeName(Type type) {
        return type.getTypeName().replaceAll("([a-z0-9_]+\\.)+", "");
    }
}
