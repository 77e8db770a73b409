package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quetzal.api.config.Secret;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The words of messages: what a Java type expects ("an integer") and what the JSON held ({@code "big"}). */
final class ValueText {
    static final String SECRET = "a secret: {\"env\": NAME}, {\"file\": PATH} or a string";
    static final String PATH = "a file path";

    private static final int LONGEST_SHOWN = 60;
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class, short.class,
            Short.class, byte.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS =
            Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class, Number.class);
    private static final Set<Class<?>> STRINGS =
            Set.of(String.class, CharSequence.class, char.class, Character.class);

    private final ObjectMapper mapper;

    ValueText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What a value of {@code type} looks like in JSON, as the "expected" half of a message. */
    String expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (INTEGERS.contains(raw)) {
            return "an integer";
        }
        if (NUMBERS.contains(raw)) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (STRINGS.contains(raw)) {
            return "a string";
        }
        if (raw == Duration.class) {
            return DurationText.EXPECTED;
        }
        if (raw == IpPrefix.class) {
            return "an IP prefix like 10.0.0.0/8";
        }
        if (raw == HostPort.class) {
            return "host:port";
        }
        if (IpAddress.class.isAssignableFrom(raw)) {
            return "an IP address";
        }
        if (raw == Secret.class) {
            return SECRET;
        }
        if (Path.class.isAssignableFrom(raw)) {
            return PATH;
        }
        if (raw.isEnum()) {
            return "one of: " + enumNames(raw);
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "a list";
        }
        return "an object";
    }

    // The names as Jackson reads them, so @JsonProperty and @JsonValue on constants are honoured.
    private String enumNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> mapper.valueToTree(constant).asText())
                .collect(Collectors.joining(", "));
    }

    /** A short picture of a JSON value, as the "got" half of a message: strings quoted, containers by kind. */
    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return quote(node.asText());
        }
        if (node.isObject()) {
            return node.isEmpty() ? "an empty object" : "an object";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        return shorten(node.toString());
    }

    /**
     * Only the kind of a JSON value, never the value: for places where the value may be a secret put
     * in the wrong shape.
     */
    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true or false";
        }
        if (node.isNull()) {
            return "null";
        }
        return found(node);
    }

    /** {@code text} as a JSON string literal, cut short when long. */
    static String quote(String text) {
        String quoted = TextNode.valueOf(text).toString();
        return quoted.length() <= LONGEST_SHOWN ? quoted : quoted.substring(0, LONGEST_SHOWN - 4) + "...\"";
    }

    private static String shorten(String text) {
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN - 3) + "...";
    }
}
