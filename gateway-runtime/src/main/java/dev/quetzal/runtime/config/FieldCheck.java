package dev.quetzal.runtime.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a record's JSON object, and the records nested in it, before Jackson binds it: first for
 * unknown fields, then for {@code @JsonProperty(required = true)} fields that are absent or null,
 * and primitive fields that are explicitly null.
 *
 * <p>Jackson gets both wrong for a config file. It reports unknown fields only after building the
 * record, so a misspelt required field ({@code "sever"}) would surface as "missing server" without
 * the "did you mean"; and it checks presence only, so {@code "server": null} reaches the constructor.
 * Whatever this check lets through, Jackson still checks.
 */
final class FieldCheck {
    private final ObjectMapper mapper;
    private final ValueText text;

    FieldCheck(ObjectMapper mapper, ValueText text) {
        this.mapper = mapper;
        this.text = text;
    }

    /**
     * @param sectionFields fields the top object takes besides those of {@code type} (a component's
     *     {@code type} and {@code name}, already removed from {@code node})
     */
    Optional<Problem> firstProblem(JsonNode node, JavaType type, String path, Set<String> sectionFields) {
        if (!node.isObject() || !type.isRecordType()) {
            return Optional.empty();
        }
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        List<BeanPropertyDefinition> properties = description.findProperties();
        Optional<Problem> unknown = firstUnknown(node, description, properties, path, sectionFields);
        if (unknown.isPresent()) {
            return unknown;
        }
        for (BeanPropertyDefinition property : properties) {
            JsonNode value = node.get(property.getName());
            if ((value == null || value.isNull()) && property.isRequired()) {
                return Optional.of(new Problem(JsonPaths.field(path, property.getName()),
                        "missing required field (expected " + text.expected(property.getPrimaryType()) + ")"));
            }
            // An absent primitive binds to 0 or false, which a compact constructor can turn into its
            // default; an explicit null is a mistake the record cannot see.
            if (value != null && value.isNull() && property.getPrimaryType().isPrimitive()) {
                return Optional.of(new Problem(JsonPaths.field(path, property.getName()),
                        "expected " + text.expected(property.getPrimaryType()) + ", got null"));
            }
        }
        for (BeanPropertyDefinition property : properties) {
            JsonNode value = node.get(property.getName());
            if (value != null) {
                Optional<Problem> nested =
                        nested(value, property.getPrimaryType(), JsonPaths.field(path, property.getName()));
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Problem> firstUnknown(JsonNode node, BeanDescription description,
            List<BeanPropertyDefinition> properties, String path, Set<String> sectionFields) {
        JsonIgnoreProperties.Value ignorals = mapper.getDeserializationConfig()
                .getDefaultPropertyIgnorals(description.getBeanClass(), description.getClassInfo());
        if ((ignorals != null && ignorals.getIgnoreUnknown()) || description.findAnySetterAccessor() != null) {
            return Optional.empty();
        }
        Set<String> known = new TreeSet<>(sectionFields);
        Set<String> accepted = new TreeSet<>(sectionFields);
        for (BeanPropertyDefinition property : properties) {
            known.add(property.getName());
            accepted.add(property.getName());
            property.findAliases().stream().map(PropertyName::getSimpleName).forEach(accepted::add);
        }
        if (ignorals != null) {
            accepted.addAll(ignorals.findIgnoredForDeserialization());
        }
        accepted.addAll(description.getIgnoredPropertyNames());
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!accepted.contains(field)) {
                return Optional.of(new Problem(JsonPaths.field(path, field), BindingErrors.unknownField(field, known)));
            }
        }
        return Optional.empty();
    }

    private Optional<Problem> nested(JsonNode value, JavaType type, String path) {
        if (type.isRecordType()) {
            return firstProblem(value, type, path, Set.of());
        }
        if ((type.isCollectionLikeType() || type.isArrayType()) && value.isArray() && type.getContentType() != null) {
            for (int i = 0; i < value.size(); i++) {
                Optional<Problem> element =
                        firstProblem(value.get(i), type.getContentType(), JsonPaths.index(path, i), Set.of());
                if (element.isPresent()) {
                    return element;
                }
            }
        }
        return Optional.empty();
    }
}
