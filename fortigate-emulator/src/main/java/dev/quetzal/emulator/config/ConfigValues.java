package dev.quetzal.emulator.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator config's value syntax: durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h},
 * {@code 2d} or ISO-8601; secrets as a string, {@code {"env": NAME}} or {@code {"file": PATH}}; paths
 * relative to the config file's folder.
 */
final class ConfigValues {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private ConfigValues() {}

    static SimpleModule module(Path folder, Map<String, String> environment) {
        SimpleModule module = new SimpleModule("emulator-config");
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("expected a duration like \"10s\"");
                }
                return parseDuration(parser.getText());
            }
        });
        module.addDeserializer(Path.class, new JsonDeserializer<>() {
            @Override
            public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getText().isEmpty()) {
                    throw new IllegalArgumentException("expected a file path");
                }
                return folder.resolve(parser.getText()).normalize();
            }
        });
        module.addDeserializer(Ipv4Address.class, new JsonDeserializer<>() {
            @Override
            public Ipv4Address deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return address(parser, Ipv4Address.class, "an IPv4 address");
            }
        });
        module.addDeserializer(Ipv6Address.class, new JsonDeserializer<>() {
            @Override
            public Ipv6Address deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return address(parser, Ipv6Address.class, "an IPv6 address");
            }
        });
        module.addDeserializer(Secret.class, new JsonDeserializer<>() {
            @Override
            public Secret deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return readSecret(context.readTree(parser), folder, environment);
            }
        });
        return module;
    }

    private static <T extends IpAddress> T address(JsonParser parser, Class<T> family, String expected)
            throws IOException {
        String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
        IpAddress address = text == null ? null : IpAddress.parseOrNull(text);
        if (!family.isInstance(address)) {
            throw new IllegalArgumentException("expected " + expected + ", got "
                    + (text == null ? parser.currentToken() : "\"" + text + "\""));
        }
        return family.cast(address);
    }

    static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            if (text.startsWith("P")) {
                return Duration.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("expected a duration like \"10s\", got \"" + text + "\"");
    }

    private static Secret readSecret(JsonNode node, Path folder, Map<String, String> environment) throws IOException {
        if (node.isTextual()) {
            return Secret.of(node.asText(), "inline");
        }
        if (node.isObject() && node.size() == 1 && node.has("env") && node.get("env").isTextual()) {
            String name = node.get("env").asText();
            String value = environment.get(name);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return Secret.of(value, "env " + name);
        }
        if (node.isObject() && node.size() == 1 && node.has("file") && node.get("file").isTextual()) {
            Path file = folder.resolve(node.get("file").asText()).normalize();
            String value;
            try {
                value = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read secret file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            return Secret.of(value, "file " + file);
        }
        throw new IllegalArgumentException("expected a string, {\"env\": NAME} or {\"file\": PATH}");
    }
}
