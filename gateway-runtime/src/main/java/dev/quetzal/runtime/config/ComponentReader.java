package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the component sections of one config file: picks each section's factory by {@code type},
 * settles its {@code name}, and binds the rest of the section to the factory's config record.
 * Remembers the names it has seen, since they must be unique across all kinds. A name defaults to
 * the type, or to {@code <type>-<kind>} when a component of another kind already has that name.
 */
final class ComponentReader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> SECTION_FIELDS = Set.of("type", "name");

    private final PluginRegistry registry;
    private final SectionBinder binder;
    private final Map<String, String> pathsByName = new HashMap<>();
    private final Map<String, ComponentKind> kindsByName = new HashMap<>();

    ComponentReader(PluginRegistry registry, SectionBinder binder) {
        this.registry = registry;
        this.binder = binder;
    }

    /** A list section ({@code "frontends"}, {@code "filters"}). */
    List<ComponentSpec> readList(ComponentKind kind, JsonNode node, String path, boolean atLeastOne)
            throws ConfigException {
        if (!node.isArray()) {
            throw new ConfigException(binder.file(), path, "expected a list, got " + ValueText.found(node));
        }
        if (atLeastOne && node.isEmpty()) {
            throw new ConfigException(
                    binder.file(), path, "expected at least one " + kind.label() + ", got an empty list");
        }
        List<ComponentSpec> specs = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            specs.add(read(kind, node.get(i), JsonPaths.index(path, i)));
        }
        return specs;
    }

    /** One component's section. */
    ComponentSpec read(ComponentKind kind, JsonNode node, String path) throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException(binder.file(), path, "expected an object with a \"type\", got " + ValueText.found(node));
        }
        String type = type(node, kind, path);
        PluginRegistry.Entry entry = registry.find(kind, type).orElseThrow(() -> new ConfigException(binder.file(),
                JsonPaths.field(path, "type"), "unknown " + kind.label() + " type " + ValueText.quote(type) + "; known: "
                        + knownTypes(kind)));
        String name = name(node, path, type, kind);

        ObjectNode settings = ((ObjectNode) node).deepCopy();
        settings.remove(SECTION_FIELDS);
        Record config = binder.bind(settings, entry.factory().configType(), path, entry.classLoader(), SECTION_FIELDS);
        return new ComponentSpec(kind, name, type, path, entry, config);
    }

    /** What a missing section should have held, for the message. */
    String expectedSection(ComponentKind kind, boolean list) {
        return (list ? "a list of objects" : "an object") + " with a \"type\"; known " + kind.label() + " types: "
                + knownTypes(kind);
    }

    private String name(JsonNode node, String path, String type, ComponentKind kind) throws ConfigException {
        JsonNode value = node.get("name");
        boolean given = value != null && !value.isNull();
        String at = given ? JsonPaths.field(path, "name") : path;
        if (given && !value.isTextual()) {
            throw new ConfigException(binder.file(), at, "expected a string, got " + ValueText.found(value));
        }
        String name = given ? value.asText() : type;
        ComponentKind holder = kindsByName.get(name);
        if (!given && holder != null && holder != kind) {
            // A frontend and a backend of one type (raw-udp) are a natural pair; name the later one by its kind.
            name = type + "-" + kind.label();
        }
        if (given && !NAME.matcher(name).matches()) {
            throw new ConfigException(binder.file(), at, "expected a name of 1 to 63 lowercase letters, digits and dashes, "
                    + "not starting with a dash, got " + ValueText.quote(name));
        }
        String other = pathsByName.putIfAbsent(name, path);
        kindsByName.putIfAbsent(name, kind);
        if (other != null) {
            // Names default to the type, so two sections of one type clash until one is named.
            throw new ConfigException(binder.file(), at, "duplicate component name " + ValueText.quote(name) + " (also at "
                    + other + ")" + (given ? "" : "; give one of them a \"name\""));
        }
        return name;
    }

    private String type(JsonNode node, ComponentKind kind, String path) throws ConfigException {
        JsonNode value = node.get("type");
        String at = JsonPaths.field(path, "type");
        if (value == null || value.isNull()) {
            throw new ConfigException(binder.file(), at, "missing required field (expected a " + kind.label()
                    + " type; known: " + knownTypes(kind) + ")");
        }
        if (!value.isTextual()) {
            throw new ConfigException(binder.file(), at, "expected a string, got " + ValueText.found(value));
        }
        return value.asText();
    }

    private String knownTypes(ComponentKind kind) {
        Set<String> types = registry.entries(kind).keySet();
        return types.isEmpty() ? "none" : String.join(", ", types);
    }
}
