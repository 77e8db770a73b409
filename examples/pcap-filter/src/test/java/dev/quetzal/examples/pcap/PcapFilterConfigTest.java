package dev.quetzal.examples.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quetzal.api.config.ConfigValueException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

// Checks the pcap filter's config record as the runtime binds it (Jackson, per the
// dev.quetzal.api.config package docs): defaults, the snap length range, the required file, and a
// description on every field for `quetzal plugins` (style anchors: testDefaults / explicit mappings).
final class PcapFilterConfigTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void snapLengthDefaultsTo65535WhenAbsent() throws Exception {
        PcapFilterConfig config = json.readValue("{\"file\": \"capture.pcap\"}", PcapFilterConfig.class);

        assertEquals(new PcapFilterConfig(Path.of("capture.pcap"), 65535), config);
    }

    @Test
    void bindsExplicitValues() throws Exception {
        PcapFilterConfig config = json.readValue("{\"file\": \"/var/tmp/q.pcap\", \"snapLength\": 128}", PcapFilterConfig.class);

        assertEquals(Path.of("/var/tmp/q.pcap"), config.file());
        assertEquals(128, config.snapLength());
    }

    @Test
    void acceptsTheEndsOfTheSnapLengthRange() {
        assertEquals(64, new PcapFilterConfig(Path.of("a"), 64).snapLength());
        assertEquals(262144, new PcapFilterConfig(Path.of("a"), 262144).snapLength());
    }

    @Test
    void rejectsSnapLengthOutsideTheRange() {
        ConfigValueException small = assertThrows(ConfigValueException.class, () -> new PcapFilterConfig(Path.of("a"), 63));
        ConfigValueException large = assertThrows(ConfigValueException.class, () -> new PcapFilterConfig(Path.of("a"), 262145));

        assertEquals("snapLength", small.field());
        assertEquals("expected 64..262144, got 63", small.getMessage());
        assertEquals("expected 64..262144, got 262145", large.getMessage());
    }

    @Test
    void requiresFile() {
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> new PcapFilterConfig(null, 0));

        assertEquals("file", e.field());
        assertThrows(JsonMappingException.class, () -> json.readValue("{\"snapLength\": 128}", PcapFilterConfig.class));
    }

    @Test
    void everyFieldIsDescribed() {
        for (RecordComponent component : PcapFilterConfig.class.getRecordComponents()) {
            // The annotation cannot target record components; Java copies it to the accessor, where Jackson reads it.
            JsonPropertyDescription description = component.getAccessor().getAnnotation(JsonPropertyDescription.class);
            assertNotNull(description, component.getName());
            assertFalse(description.value().isBlank(), component.getName());
        }
    }
}
