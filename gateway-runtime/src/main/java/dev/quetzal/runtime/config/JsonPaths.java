package dev.quetzal.runtime.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.regex.Pattern;

/** JSON paths in messages ({@code $.frontends[0].listen}) and the values they point at. */
final class JsonPaths {
    static final String ROOT = "$";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private JsonPaths() {}

    static String field(String parent, String name) {
        // Bracket notation keeps a path readable when a key holds dots, spaces or quotes.
        return PLAIN_NAME.matcher(name).matches() ? parent + "." + name : parent + "[" + ValueText.quote(name) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code base} followed by the fields and indexes Jackson recorded on its way down. */
    static String append(String base, List<JsonMappingException.Reference> references) {
        String path = base;
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path = field(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path = index(path, reference.getIndex());
            }
        }
        return path;
    }

    /** The node {@code references} lead to from {@code root}, or a missing node when there is none. */
    static JsonNode find(JsonNode root, List<JsonMappingException.Reference> references) {
        JsonNode node = root;
        for (JsonMappingException.Reference reference : references) {
            if (node == null || node.isMissingNode()) {
                break;
            }
            if (reference.getFieldName() != null) {
                node = node.get(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                node = node.get(reference.getIndex());
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
