package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads a file path, resolving a relative one against the config file's folder rather than the
 * working directory, so a config and the files next to it can move together.
 */
final class PathDeserializer extends StdDeserializer<Path> {
    PathDeserializer() {
        super(Path.class);
    }

    @Override
    public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new BindingProblem(
                    parser, "expected " + ValueText.PATH + ", got " + ValueText.found(context.readTree(parser)));
        }
        String text = parser.getText();
        try {
            if (!text.isBlank()) {
                return ConfigFolder.of(context).resolve(text).normalize();
            }
        } catch (InvalidPathException e) {
            // Reported below like any other unusable text.
        }
        throw new BindingProblem(parser, "expected " + ValueText.PATH + ", got " + ValueText.quote(text));
    }
}
