package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Thrown by this package's deserializers with the final wording of the problem. Being a {@link
 * JsonMappingException}, it collects the JSON path on its way out of Jackson like any other.
 */
final class BindingProblem extends JsonMappingException {
    BindingProblem(JsonParser parser, String problem) {
        super(parser, problem);
    }

    /** The wording, without the path and location Jackson appends to {@link #getMessage()}. */
    String problem() {
        return getOriginalMessage();
    }
}
