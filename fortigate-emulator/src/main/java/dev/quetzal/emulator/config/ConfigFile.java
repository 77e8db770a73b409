package dev.quetzal.emulator.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.emulator.EmulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads an {@link EmulatorConfig} from a JSON file. Unknown fields, wrong types and bad values give a
 * {@link ConfigFileException} with the JSON path; fields left out take the same defaults as
 * {@link EmulatorConfig#builder()}.
 */
public final class ConfigFile {
    /** Record components set only from code, never from JSON. */
    private static final List<String> CODE_ONLY = List.of("corporateNetwork", "timeSource");

    private ConfigFile() {}

    public static EmulatorConfig load(Path file, Map<String, String> environment) throws ConfigFileException {
        return load(file, environment, null);
    }

    /** @param defaultListen where to listen when the file does not say (null: the builder's 127.0.0.1:0) */
    public static EmulatorConfig load(Path file, Map<String, String> environment, HostPort defaultListen)
            throws ConfigFileException {
        Path folder = file.toAbsolutePath().getParent();
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(ConfigValues.module(folder, environment))
                .build();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file, "$", "no such file");
        } catch (JsonParseException e) {
            throw new ConfigFileException(file, "$", "not valid JSON at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ConfigFileException(file, "$", "cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigFileException(file, "$", "expected a JSON object");
        }
        applyBooleanDefaults((ObjectNode) root);
        if (defaultListen != null && !root.has("listen")) {
            ((ObjectNode) root).put("listen", defaultListen.toString());
        }
        try {
            return mapper.treeToValue(root, EmulatorConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigFileException(file, path(e.getPath()), problem(e));
        } catch (IOException e) {
            throw new ConfigFileException(file, "$", "cannot bind (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Absent fields bind to false or null; these take the builder's defaults instead. */
    private static void applyBooleanDefaults(ObjectNode root) {
        defaultTrue(root, "saml", "enabled");
        defaultTrue(root, "tunnel", "tunConnectWithoutReauth");
        if (root.get("tunnel") instanceof ObjectNode tunnel) {
            if (!tunnel.has("dnsSuffix")) {
                tunnel.put("dnsSuffix", "corp.example");
            }
            // Writing an ipv6 section means wanting IPv6.
            defaultTrue(tunnel, "ipv6", "enabled");
        }
    }

    private static void defaultTrue(ObjectNode root, String section, String field) {
        if (root.get(section) instanceof ObjectNode object && !object.has(field)) {
            object.put(field, true);
        }
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof PropertyBindingException unknown) {
            TreeSet<String> known = new TreeSet<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            known.removeAll(CODE_ONLY);
            return "unknown field \"" + unknown.getPropertyName() + "\"; known fields: " + String.join(", ", known);
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                return firstLine(iae.getMessage());
            }
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + describe(mismatch.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of");
            for (Object constant : type.getEnumConstants()) {
                names.append(' ').append(constant);
            }
            return names.toString();
        }
        if (type == int.class || type == Integer.class || type == long.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName() + " object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
