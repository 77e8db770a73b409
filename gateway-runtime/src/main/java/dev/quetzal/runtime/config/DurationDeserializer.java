package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads {@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code "1h"}, {@code "2d"} or ISO-8601 {@code
 * "PT30S"}. A bare number is refused: {@code 30} could mean seconds or milliseconds.
 */
final class DurationDeserializer extends StdDeserializer<Duration> {
    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            return DurationText.parse(text).orElseThrow(() -> new BindingProblem(
                    parser, "expected " + DurationText.EXPECTED + ", got " + ValueText.quote(text)));
        }
        String found = ValueText.found(context.readTree(parser));
        throw new BindingProblem(parser, "expected " + DurationText.EXPECTED + ", got " + found);
    }
}
