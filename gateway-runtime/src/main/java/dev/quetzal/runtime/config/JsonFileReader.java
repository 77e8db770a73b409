package dev.quetzal.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a config file into a JSON tree (RFC 8259), refusing duplicate keys and anything after the
 * top-level value. Syntax errors say where: {@code line 12, column 5: invalid JSON: ...}.
 */
final class JsonFileReader {
    private static final Pattern START_MARKER =
            Pattern.compile("\\(start marker at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source: [^\\]]*\\]");
    private static final Pattern CHAR_CODE = Pattern.compile(" \\(code \\d+\\)");

    private JsonFileReader() {}

    static JsonNode read(Path file, ObjectMapper mapper) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file, null, "cannot read file: " + IoErrors.describe(e));
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            // Trailing content is checked below, to word the message like any other syntax error.
            JsonNode tree = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new ConfigException(file, null, "the file is empty; expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw syntaxError(file, parser.currentTokenLocation(), "unexpected content after the top-level value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e.getLocation(), shortReason(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file, null, "cannot read file: " + IoErrors.describe(e));
        }
    }

    private static ConfigException syntaxError(Path file, JsonLocation location, String reason) {
        String where = location != null && location.getLineNr() > 0
                ? "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                : "";
        return new ConfigException(file, null, where + "invalid JSON: " + reason);
    }

    /** Jackson's reason without its source dump and character codes, on one line. */
    static String shortReason(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        String reason = START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)");
        reason = SOURCE.matcher(reason).replaceAll("");
        reason = CHAR_CODE.matcher(reason).replaceAll("");
        int newline = reason.indexOf('\n');
        reason = (newline < 0 ? reason : reason.substring(0, newline)).strip();
        if (reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1))) {
            reason = reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        return reason;
    }
}
