package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.runtime.plugin.ComponentKind;
import dev.quetzal.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the gateway's JSON config file and binds every section: components to their plugins' config
 * records, the rest to {@link GatewaySettings}. Nothing is created or started.
 *
 * <p>Anything wrong stops the load with one {@link ConfigException} that names the file, the JSON
 * path and what was expected. Secrets come from the environment given here or from files next to
 * the config, and their values appear in no message.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private static final String FRONTENDS = ComponentKind.FRONTEND.configField();
    private static final String BACKEND = ComponentKind.BACKEND.configField();
    private static final String FILTERS = ComponentKind.FILTER.configField();
    private static final List<String> SETTINGS = List.of("addressPool", "status", "buffers", "shutdownTimeout", "routes",
            "napt");
    private static final Set<String> TOP_LEVEL = topLevel();

    private final PluginRegistry registry;
    private final ObjectMapper mapper;
    private final FieldCheck fieldCheck;
    private final BindingErrors errors;

    /**
     * @param environment where {@code {"env": NAME}} secrets are looked up: {@code System.getenv()} in
     *     production
     */
    public ConfigLoader(PluginRegistry registry, Map<String, String> environment) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.mapper = ConfigMapper.create(Objects.requireNonNull(environment, "environment"));
        ValueText text = new ValueText(mapper);
        this.fieldCheck = new FieldCheck(mapper, text);
        this.errors = new BindingErrors(mapper, text);
    }

    public LoadedConfig load(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        JsonNode root = JsonFileReader.read(file, mapper);
        if (!root.isObject()) {
            throw new ConfigException(file, JsonPaths.ROOT,
                    "expected a JSON object with \"frontends\" and \"backend\", got " + ValueText.found(root));
        }
        for (String field : (Iterable<String>) root::fieldNames) {
            if (!TOP_LEVEL.contains(field)) {
                throw new ConfigException(
                        file, JsonPaths.field(JsonPaths.ROOT, field), BindingErrors.unknownField(field, TOP_LEVEL));
            }
        }
        SectionBinder binder = new SectionBinder(mapper, fieldCheck, errors, file);
        ComponentReader components = new ComponentReader(registry, binder);

        // Sections are read in file order, so the first problem reported is the first in the file.
        List<ComponentSpec> frontends = null;
        ComponentSpec backend = null;
        List<ComponentSpec> filters = List.of();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            String path = JsonPaths.field(JsonPaths.ROOT, field.getKey());
            if (value.isNull()) {
                continue;
            }
            if (field.getKey().equals(FRONTENDS)) {
                frontends = components.readList(ComponentKind.FRONTEND, value, path, true);
            } else if (field.getKey().equals(BACKEND)) {
                backend = components.read(ComponentKind.BACKEND, value, path);
            } else if (field.getKey().equals(FILTERS)) {
                filters = components.readList(ComponentKind.FILTER, value, path, false);
            }
        }
        if (frontends == null) {
            throw new ConfigException(file, JsonPaths.field(JsonPaths.ROOT, FRONTENDS), "missing required field (expected "
                    + components.expectedSection(ComponentKind.FRONTEND, true) + ")");
        }
        if (backend == null) {
            throw new ConfigException(file, JsonPaths.field(JsonPaths.ROOT, BACKEND), "missing required field (expected "
                    + components.expectedSection(ComponentKind.BACKEND, false) + ")");
        }

        ObjectNode settingsNode = mapper.createObjectNode();
        for (String field : SETTINGS) {
            if (root.has(field)) {
                settingsNode.set(field, root.get(field));
            }
        }
        GatewaySettings settings = binder.bind(settingsNode, GatewaySettings.class, JsonPaths.ROOT, null, Set.of());

        LoadedConfig config = new LoadedConfig(file, settings, frontends, backend, filters);
        LOG.debug("Loaded {}: {} frontend(s), backend {}, {} filter(s)",
                file, frontends.size(), backend.name(), filters.size());
        return config;
    }

    private static Set<String> topLevel() {
        Set<String> fields = new TreeSet<>(SETTINGS);
        fields.addAll(List.of(FRONTENDS, BACKEND, FILTERS));
        return Set.copyOf(fields);
    }
}
