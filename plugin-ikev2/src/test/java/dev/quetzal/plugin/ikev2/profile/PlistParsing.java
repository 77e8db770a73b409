package dev.quetzal.plugin.ikev2.profile;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an XML property list with the JDK's XML parser and checks it against the structure of Apple's
 * PropertyList-1.0 DTD (the DOCTYPE, a plist root with one value, dict as key/value pairs with unique keys, the
 * value elements string, integer, real, true, false, date, data, array and dict, integers and base64 data well
 * formed), as plutil -lint does. Values become String, BigInteger, Boolean, byte[], List and Map.
 */
final class PlistParsing {
    private PlistParsing() {}

    static Object parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DTD is Apple's, named by its public id; the structure is checked below instead of fetching it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document document = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        DocumentType type = document.getDoctype();
        check(type != null && "plist".equals(type.getName()) && "-//Apple//DTD PLIST 1.0//EN".equals(type.getPublicId())
                && "http://www.apple.com/DTDs/PropertyList-1.0.dtd".equals(type.getSystemId()), "the Apple PLIST 1.0 DOCTYPE");
        check(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "an XML declaration with UTF-8");
        Element root = document.getDocumentElement();
        check("plist".equals(root.getTagName()) && "1.0".equals(root.getAttribute("version")), "<plist version=\"1.0\">");
        List<Element> children = elements(root);
        check(children.size() == 1, "one value in <plist>");
        return value(children.getFirst());
    }

    private static Object value(Element element) {
        return switch (element.getTagName()) {
            case "dict" -> dict(element);
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (Element child : elements(element)) {
                    list.add(value(child));
                }
                yield list;
            }
            case "string" -> leaf(element);
            case "integer" -> new BigInteger(leaf(element).strip());
            case "true" -> empty(element, Boolean.TRUE);
            case "false" -> empty(element, Boolean.FALSE);
            case "data" -> Base64.getMimeDecoder().decode(leaf(element).replaceAll("\\s", ""));
            case "real", "date" -> leaf(element);
            default -> throw new AssertionError("<" + element.getTagName() + "> is not a property list value");
        };
    }

    private static Map<String, Object> dict(Element element) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Element> children = elements(element);
        check(children.size() % 2 == 0, "key/value pairs in <dict>");
        for (int i = 0; i < children.size(); i += 2) {
            Element key = children.get(i);
            check("key".equals(key.getTagName()), "<key> before each value in <dict>, got <" + key.getTagName() + ">");
            String name = leaf(key);
            check(!map.containsKey(name), "unique keys in <dict>, got " + name + " twice");
            map.put(name, value(children.get(i + 1)));
        }
        return map;
    }

    private static String leaf(Element element) {
        check(elements(element).isEmpty(), "only text in <" + element.getTagName() + ">");
        return element.getTextContent();
    }

    private static Boolean empty(Element element, Boolean value) {
        check(!element.hasChildNodes(), "<" + element.getTagName() + "/> empty");
        return value;
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                elements.add(child);
            } else if (node.getNodeType() == Node.TEXT_NODE) {
                check(node.getTextContent().isBlank() || !parent.getTagName().matches("dict|array|plist"),
                        "no text between the elements of <" + parent.getTagName() + ">");
            }
        }
        return elements;
    }

    private static void check(boolean condition, String expected) {
        if (!condition) {
            throw new AssertionError("not a valid property list: expected " + expected);
        }
    }
}
