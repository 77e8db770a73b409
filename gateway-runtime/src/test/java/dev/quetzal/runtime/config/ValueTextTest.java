package dev.quetzal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How messages show what a config file held (JSON values per RFC 8259 §3): briefly, strings quoted and escaped. */
final class ValueTextTest {
    private static final ObjectMapper MAPPER = ConfigMapper.create(Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "vpn"              | "vpn"
            "tab\\there"       | "tab\\there"
            "say \\"hi\\""     | "say \\"hi\\""
            42                 | 42
            -1.5e3             | -1500.0
            true               | true
            null               | null
            {}                 | an empty object
            {"a": 1}           | an object
            []                 | an empty list
            [1, 2]             | a list
            """)
    void showsValuesBriefly(String json, String shown) throws Exception {
        assertEquals(shown, ValueText.found(MAPPER.readTree(json)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "hunter2"  | a string
            31415926   | a number
            false      | true or false
            null       | null
            [1]        | a list
            """)
    void showsOnlyTheKindWhereTheValueMayBeSecret(String json, String shown) throws Exception {
        assertEquals(shown, ValueText.kind(MAPPER.readTree(json)));
    }

    @Test
    void cutsLongStringsShort() {
        JsonNode node = MAPPER.getNodeFactory().textNode("x".repeat(100));

        String shown = ValueText.found(node);

        assertEquals(60, shown.length());
        assertEquals("\"" + "x".repeat(55) + "...\"", shown);
        assertEquals("nothing", ValueText.found(MissingNode.getInstance()));
    }
}
