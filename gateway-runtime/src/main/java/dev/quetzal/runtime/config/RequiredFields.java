package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Optional;

/**
 * Finds the first field marked {@code @JsonProperty(required = true)} that is absent or null, in a
 * record and the records nested in it.
 *
 * <p>Jackson checks presence only and passes an explicit {@code null} on to the constructor; a
 * config file that says {@code "server": null} has still not said where the server is.
 */
final class RequiredFields {
    private final ObjectMapper mapper;
    private final ValueText text;

    RequiredFields(ObjectMapper mapper, ValueText text) {
        this.mapper = mapper;
        this.text = text;
    }

    Optional<Problem> firstMissing(JsonNode node, JavaType type, String path) {
        if (!node.isObject() || !type.isRecordType()) {
            return Optional.empty();
        }
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            String at = JsonPaths.field(path, property.getName());
            JavaType propertyType = property.getPrimaryType();
            JsonNode value = node.get(property.getName());
            if ((value == null || value.isNull()) && property.isRequired()) {
                return Optional.of(new Problem(at, "missing required field (expected " + text.expected(propertyType) + ")"));
            }
            Optional<Problem> nested = value == null ? Optional.empty() : nested(value, propertyType, at);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    private Optional<Problem> nested(JsonNode value, JavaType type, String path) {
        if (type.isRecordType()) {
            return firstMissing(value, type, path);
        }
        if ((type.isCollectionLikeType() || type.isArrayType()) && value.isArray() && type.getContentType() != null) {
            for (int i = 0; i < value.size(); i++) {
                Optional<Problem> element = firstMissing(value.get(i), type.getContentType(), JsonPaths.index(path, i));
                if (element.isPresent()) {
                    return element;
                }
            }
        }
        return Optional.empty();
    }
}
