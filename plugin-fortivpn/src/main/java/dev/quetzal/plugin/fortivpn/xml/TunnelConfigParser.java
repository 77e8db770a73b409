package dev.quetzal.plugin.fortivpn.xml;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.net.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses {@code GET /remote/fortisslvpn_xml} (protocol notes §3) with the JDK's DOM parser locked down:
 * no DOCTYPE at all (so no entities, internal or external), no external DTD or schema access, secure
 * processing on, and a size limit before parsing. Values the gateway can do without (a bad route, a bad
 * DNS address) are skipped with a warning; a missing or bad {@code assigned-addr} is an error.
 */
public final class TunnelConfigParser {
    /** Real configs are a few KiB; anything near this is not a FortiGate config. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(TunnelConfigParser.class);

    private TunnelConfigParser() {}

    public static TunnelConfig parse(byte[] xml) throws TunnelConfigException {
        if (xml.length == 0) {
            throw new TunnelConfigException("the FortiGate sent an empty XML config");
        }
        if (xml.length > MAX_BYTES) {
            throw new TunnelConfigException("the FortiGate's XML config has " + xml.length + " bytes, over the "
                    + MAX_BYTES + "-byte limit");
        }
        Element root = parseDocument(xml).getDocumentElement();
        if (!root.getTagName().equals("sslvpn-tunnel")) {
            throw new TunnelConfigException("the FortiGate's XML config has root <" + clip(root.getTagName())
                    + ">, expected <sslvpn-tunnel>");
        }
        Element ipv4 = child(root, "ipv4");
        Element ipv6 = child(root, "ipv6");
        Ipv4Address v4 = null;
        Ipv6Address v6 = null;
        int v6Length = 128;
        if (ipv4 != null && child(ipv4, "assigned-addr") instanceof Element assigned && assigned.hasAttribute("ipv4")) {
            v4 = ipv4(assigned.getAttribute("ipv4"), "ipv4/assigned-addr");
        }
        if (ipv6 != null && child(ipv6, "assigned-addr") instanceof Element assigned && assigned.hasAttribute("ipv6")) {
            IpAddress parsed = IpAddress.parseOrNull(assigned.getAttribute("ipv6"));
            if (!(parsed instanceof Ipv6Address address)) {
                throw new TunnelConfigException("the FortiGate's XML config has a bad ipv6/assigned-addr \""
                        + clip(assigned.getAttribute("ipv6")) + "\"");
            }
            v6 = address;
            v6Length = integer(assigned.getAttribute("prefix-len"), 128, 0, 128);
        }
        if (v4 == null && v6 == null) {
            throw new TunnelConfigException("the FortiGate's XML config has no assigned-addr (ipv4 or ipv6): "
                    + "no address for this session");
        }
        List<IpAddress> dns = new ArrayList<>();
        Set<String> suffixes = new LinkedHashSet<>();
        Set<String> splitDns = new LinkedHashSet<>();
        List<Route> routes = new ArrayList<>();
        for (Element family : new Element[] {ipv4, ipv6}) {
            if (family == null) {
                continue;
            }
            for (Element server : children(family, "dns")) {
                String text = server.hasAttribute("ipv6") ? server.getAttribute("ipv6") : server.getAttribute("ip");
                IpAddress address = IpAddress.parseOrNull(text);
                if (address != null) {
                    dns.add(address);
                } else if (!text.isEmpty()) {
                    log.warn("ignoring a bad DNS server \"{}\" in the FortiGate's XML config", clip(text));
                }
                splitList(server.getAttribute("domain"), suffixes);
            }
            for (Element split : children(family, "split-dns")) {
                splitList(split.getAttribute("domains"), splitDns);
            }
            for (Element info : children(family, "split-tunnel-info")) {
                boolean negate = info.getAttribute("negate").equals("1") || info.getAttribute("negate").equalsIgnoreCase("true");
                for (Element addr : children(info, "addr")) {
                    IpPrefix prefix = prefix(addr);
                    if (prefix != null) {
                        routes.add(negate ? Route.exclude(prefix, TunnelConfig.ROUTE_SOURCE)
                                : Route.include(prefix, TunnelConfig.ROUTE_SOURCE));
                    }
                }
            }
        }
        Element dtlsConfig = child(root, "dtls-config");
        Duration heartbeat = dtlsConfig == null ? null : seconds(dtlsConfig.getAttribute("heartbeat-interval"));
        Element authSession = child(root, "auth-ses");
        Element fos = child(root, "fos");
        return new TunnelConfig(v4, v6, v6Length, dns, List.copyOf(suffixes), List.copyOf(splitDns), routes, heartbeat,
                valueSeconds(child(root, "idle-timeout")), valueSeconds(child(root, "auth-timeout")),
                root.getAttribute("dtls").equals("1"),
                authSession != null && authSession.getAttribute("tun-connect-without-reauth").equals("1"),
                fos == null ? null : clip(fos.getAttribute("platform") + " " + fos.getAttribute("major") + "."
                        + fos.getAttribute("minor") + "." + fos.getAttribute("patch") + " build " + fos.getAttribute("build")));
    }

    private static Document parseDocument(byte[] xml) throws TunnelConfigException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new TunnelConfigException("malformed XML config from the FortiGate (line " + e.getLineNumber() + ": "
                    + clip(e.getMessage()) + ")");
        } catch (SAXException | IOException e) {
            throw new TunnelConfigException("malformed XML config from the FortiGate (" + clip(e.getMessage()) + ")");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        // The JDK's own implementation, whatever else is on the class path.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static Ipv4Address ipv4(String text, String where) throws TunnelConfigException {
        if (IpAddress.parseOrNull(text) instanceof Ipv4Address address) {
            return address;
        }
        throw new TunnelConfigException("the FortiGate's XML config has a bad " + where + " \"" + clip(text) + "\"");
    }

    /** {@code ip} + {@code mask} (IPv4) or {@code ipv6} + {@code prefix-len}; host bits are cleared. Null when unusable. */
    private static IpPrefix prefix(Element addr) {
        if (addr.hasAttribute("ipv6")) {
            IpAddress address = IpAddress.parseOrNull(addr.getAttribute("ipv6"));
            int length = integer(addr.getAttribute("prefix-len"), 128, 0, 128);
            if (!(address instanceof Ipv6Address) || length < 0) {
                log.warn("ignoring a bad IPv6 split route \"{}/{}\"", clip(addr.getAttribute("ipv6")),
                        clip(addr.getAttribute("prefix-len")));
                return null;
            }
            return new IpPrefix(address.mask(length), length);
        }
        IpAddress address = IpAddress.parseOrNull(addr.getAttribute("ip"));
        int length = addr.hasAttribute("mask") ? maskLength(addr.getAttribute("mask")) : 32;
        if (!(address instanceof Ipv4Address) || length < 0) {
            log.warn("ignoring a bad split route \"{} mask {}\"", clip(addr.getAttribute("ip")), clip(addr.getAttribute("mask")));
            return null;
        }
        return new IpPrefix(address.mask(length), length);
    }

    /** The length of a contiguous dotted mask such as 255.255.252.0, or -1. */
    static int maskLength(String mask) {
        if (!(IpAddress.parseOrNull(mask) instanceof Ipv4Address address)) {
            return -1;
        }
        int bits = address.bits();
        int length = Integer.bitCount(bits);
        int expected = length == 0 ? 0 : -1 << (32 - length);
        return bits == expected ? length : -1;
    }

    /** A non-negative integer in {@code [min, max]}; {@code absent} when empty, -1 when malformed. */
    private static int integer(String text, int absent, int min, int max) {
        if (text.isEmpty()) {
            return absent;
        }
        if (text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value < min || value > max ? -1 : value;
    }

    private static Duration seconds(String text) {
        int value = integer(text.strip(), -1, 0, 100_000_000);
        return value <= 0 ? null : Duration.ofSeconds(value);
    }

    private static Duration valueSeconds(Element element) {
        return element == null ? null : seconds(element.getAttribute("val"));
    }

    private static void splitList(String text, Set<String> into) {
        for (String item : text.split("[,; ]+")) {
            if (!item.isBlank()) {
                into.add(item.strip());
            }
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i) instanceof Element element
                    && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** Server text in messages: at most 100 printable characters. */
    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
