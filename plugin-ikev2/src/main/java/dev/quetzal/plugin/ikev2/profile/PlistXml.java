package dev.quetzal.plugin.ikev2.profile;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Apple's XML property list format (the PropertyList-1.0 DTD): dictionaries with keys in insertion order, arrays,
 * strings, integers, booleans and data (base64). Enough for configuration profiles and launchd plists.
 */
final class PlistXml {
    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            """;

    private PlistXml() {}

    /** The document for a top-level dictionary whose values are String, Integer, Boolean, byte[], List or Map. */
    static String document(Map<String, ?> root) {
        StringBuilder xml = new StringBuilder(HEADER);
        value(xml, root, 0);
        return xml.append("</plist>\n").toString();
    }

    private static void value(StringBuilder xml, Object value, int depth) {
        String indent = "\t".repeat(depth);
        switch (value) {
            case Map<?, ?> map -> {
                xml.append(indent).append("<dict>\n");
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    xml.append(indent).append("\t<key>").append(escape((String) entry.getKey())).append("</key>\n");
                    value(xml, entry.getValue(), depth + 1);
                }
                xml.append(indent).append("</dict>\n");
            }
            case List<?> list -> {
                xml.append(indent).append("<array>\n");
                for (Object element : list) {
                    value(xml, element, depth + 1);
                }
                xml.append(indent).append("</array>\n");
            }
            case String text -> xml.append(indent).append("<string>").append(escape(text)).append("</string>\n");
            case Integer number -> xml.append(indent).append("<integer>").append(number).append("</integer>\n");
            case Boolean flag -> xml.append(indent).append(flag ? "<true/>\n" : "<false/>\n");
            case byte[] data -> {
                xml.append(indent).append("<data>\n");
                for (String line : Base64.getMimeEncoder(68, new byte[] {'\n'}).encodeToString(data).split("\n")) {
                    xml.append(indent).append(line).append('\n');
                }
                xml.append(indent).append("</data>\n");
            }
            default -> throw new IllegalArgumentException("no plist type for " + value.getClass().getName());
        }
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        throw new IllegalArgumentException("a control character has no place in a property list string");
                    }
                    escaped.append(c);
                }
            }
        }
        return escaped.toString();
    }
}
