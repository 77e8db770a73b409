package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.quetzal.api.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link Secret} from {@code {"env": NAME}}, {@code {"file": PATH}} or an inline string.
 *
 * <p>No message built here contains a value: a value in the wrong shape (a number, say) is described
 * by its kind only, and a file's content never leaves this class except inside the {@code Secret}.
 */
final class SecretDeserializer extends StdDeserializer<Secret> {
    private static final int LARGEST_FILE = 64 * 1024;
    private static final Set<String> SOURCES = Set.of("env", "file");

    private final Map<String, String> environment;

    SecretDeserializer(Map<String, String> environment) {
        super(Secret.class);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Secret deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return Secret.of(parser.getText(), "inline");
        }
        JsonNode node = context.readTree(parser);
        if (node.isObject() && node.size() == 1) {
            var source = node.properties().iterator().next();
            JsonNode reference = source.getValue();
            if (reference.isTextual() && !reference.asText().isEmpty()) {
                if (source.getKey().equals("env")) {
                    return fromEnvironment(parser, reference.asText());
                }
                if (source.getKey().equals("file")) {
                    return fromFile(parser, context, reference.asText());
                }
            }
        }
        throw new BindingProblem(parser, "expected " + ValueText.SECRET + ", got " + describe(node));
    }

    private Secret fromEnvironment(JsonParser parser, String name) throws BindingProblem {
        String value = environment.get(name);
        if (value == null) {
            throw new BindingProblem(parser, "environment variable " + name + " is not set");
        }
        return Secret.of(value, "env " + name);
    }

    private static Secret fromFile(JsonParser parser, DeserializationContext context, String name)
            throws BindingProblem {
        Path file;
        try {
            file = ConfigFolder.of(context).resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new BindingProblem(parser, "expected a secret file path, got " + ValueText.quote(name));
        }
        String content;
        try {
            content = read(file);
        } catch (IOException e) {
            throw new BindingProblem(parser, "cannot read secret file " + file + ": " + IoErrors.describe(e));
        }
        // Editors end files with a newline; it is not part of the password.
        if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
        } else if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        return Secret.of(content, "file " + file);
    }

    private static String read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(LARGEST_FILE + 1);
        }
        if (bytes.length > LARGEST_FILE) {
            throw new IOException("larger than " + LARGEST_FILE / 1024 + " KiB");
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static String describe(JsonNode node) {
        if (!node.isObject()) {
            return ValueText.kind(node);
        }
        // Names of variables and files are not secret; show them so a typo is easy to spot.
        if (!node.isEmpty() && SOURCES.containsAll(fieldNames(node))) {
            return node.toString();
        }
        return node.isEmpty() ? "an empty object" : "an object with fields " + String.join(", ", fieldNames(node));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
