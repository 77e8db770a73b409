package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.quetzal.api.config.ConfigValueException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns Jackson's binding exceptions into {@code $.path: expected ..., got ...}. Jackson's own
 * messages name Java classes and features; users need the JSON path, the expected shape and what
 * they wrote.
 */
final class BindingErrors {
    private final ObjectMapper mapper;
    private final ValueText text;

    BindingErrors(ObjectMapper mapper, ValueText text) {
        this.mapper = mapper;
        this.text = text;
    }

    /**
     * @param section the JSON that was being bound
     * @param sectionPath where {@code section} is in the file
     * @param sectionFields fields the section takes besides those of its type (a component's {@code
     *     type} and {@code name}), listed in unknown-field messages about the section itself
     */
    Problem translate(JsonMappingException e, JsonNode section, String sectionPath, Set<String> sectionFields) {
        List<JsonMappingException.Reference> references = e.getPath();
        String path = JsonPaths.append(sectionPath, references);
        JsonNode found = JsonPaths.find(section, references);
        if (e instanceof BindingProblem problem) {
            return new Problem(path, problem.problem());
        }
        if (e instanceof PropertyBindingException unknown) {
            Set<String> known = new TreeSet<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            if (references.size() == 1) {
                known.addAll(sectionFields);
            }
            return new Problem(path, unknownField(unknown.getPropertyName(), known));
        }
        Throwable rejection = rejection(e);
        if (rejection instanceof ConfigValueException value) {
            String field = value.field();
            return new Problem(field == null || field.isEmpty() ? path : path + "." + field, value.getMessage());
        }
        if (rejection != null) {
            return new Problem(path, rejection.getMessage());
        }
        if (e instanceof InvalidDefinitionException definition) {
            // A plugin's config record that Jackson cannot bind at all: a plugin bug, not a user error.
            return new Problem(path, "the config type " + typeName(definition) + " cannot be bound: "
                    + firstLine(definition.getOriginalMessage()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = text.expected(mapper.constructType(mismatch.getTargetType()));
            return found.isMissingNode()
                    ? new Problem(path, "missing required field (expected " + expected + ")")
                    : new Problem(path, "expected " + expected + ", got " + ValueText.found(found));
        }
        if (e.getCause() instanceof InputCoercionException range && range.getTargetType() != null) {
            String expected = text.expected(mapper.constructType(range.getTargetType()));
            return new Problem(path, "expected " + expected + ", got " + ValueText.found(found) + " (out of range)");
        }
        if (e.getCause() != null) {
            // A constructor that failed without saying what it expected.
            Throwable cause = e.getCause();
            return new Problem(path, "rejected (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())) + ")");
        }
        return new Problem(path, firstLine(e.getOriginalMessage()));
    }

    /** {@code unknown field "sever" (did you mean "server"?); known fields: mtu, server}. */
    static String unknownField(String name, Collection<String> known) {
        StringBuilder message = new StringBuilder("unknown field ").append(ValueText.quote(name));
        Suggestions.closest(name, known).ifPresent(s -> message.append(" (did you mean ").append(ValueText.quote(s)).append("?)"));
        if (known.isEmpty()) {
            return message.append("; no fields are allowed here").toString();
        }
        return message.append("; known fields: ").append(String.join(", ", new TreeSet<>(known))).toString();
    }

    /**
     * The exception a creator or constructor threw to reject a value, if it said why: a {@link
     * ConfigValueException} anywhere in the chain, else the first {@link IllegalArgumentException} with
     * a message (such as {@code IpPrefix.parse}'s {@code expected ..., got ...}).
     */
    private static Throwable rejection(Throwable e) {
        IllegalArgumentException first = null;
        int depth = 0;
        for (Throwable t = e.getCause(); t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof ConfigValueException) {
                return t;
            }
            if (first == null && t instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                first = iae;
            }
        }
        return first;
    }

    private static String typeName(InvalidDefinitionException e) {
        return e.getType() == null ? "" : e.getType().getRawClass().getName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
