package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.emulator.config.Ipv6Settings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.RawResponse;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The XML tunnel config, fortivpn-protocol.md §3 and §9 step 4, quirks 3 and 4. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class TunnelXmlTest {
    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.onDemand();

    private RawResponse fetch(TunnelSettings tunnel) throws Exception {
        fixture.start(EmulatorFixture.alice().tunnel(tunnel));
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String cookie = client.login("alice", "secret");
            return client.get("/remote/fortisslvpn_xml?dual_stack=1", cookie);
        }
    }

    private static Document parse(RawResponse response) throws Exception {
        var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder.parse(new ByteArrayInputStream(response.body()));
    }

    private static Element only(Document doc, String path) {
        String[] parts = path.split("/");
        Element element = doc.getDocumentElement();
        for (String part : parts) {
            NodeList children = element.getElementsByTagName(part);
            assertTrue(children.getLength() > 0, "missing " + path);
            element = (Element) children.item(0);
        }
        return element;
    }

    @Test
    @DisplayName("§3/§9: defaults: dtls=0, assigned address from the pool, DNS with domain, heartbeat, timeouts; no Set-Cookie (quirk 4)")
    void defaults() throws Exception {
        RawResponse response = fetch(TunnelSettings.defaults());
        assertEquals(200, response.status());
        assertTrue(response.headers("Set-Cookie").isEmpty(), "quirk 4: never re-send SVPNCOOKIE on the XML");
        Document doc = parse(response);
        Element root = doc.getDocumentElement();
        assertEquals("sslvpn-tunnel", root.getTagName());
        assertEquals("0", root.getAttribute("dtls"));
        assertEquals("2", root.getAttribute("ver"));
        assertEquals("10", only(doc, "dtls-config").getAttribute("heartbeat-interval"));
        assertEquals("1", only(doc, "auth-ses").getAttribute("tun-connect-without-reauth"));
        Ipv4Address assigned = (Ipv4Address) IpAddress.parse(only(doc, "ipv4/assigned-addr").getAttribute("ipv4"));
        assertTrue(IpPrefix.parse("198.18.1.0/24").contains(assigned));
        Element dns = only(doc, "ipv4/dns");
        assertEquals("198.18.0.53", dns.getAttribute("ip"));
        assertEquals("corp.example", dns.getAttribute("domain"));
        assertEquals("3600", only(doc, "idle-timeout").getAttribute("val"));
        assertEquals("28800", only(doc, "auth-timeout").getAttribute("val"));
        assertEquals(0, doc.getElementsByTagName("split-tunnel-info").getLength(), "no include list: default route");
        assertEquals(0, doc.getElementsByTagName("ipv6").getLength());
    }

    @Test
    @DisplayName("§3: split include and negate=\"1\" exclude lists, three DNS servers, IPv6 block, custom timeouts")
    void everythingConfigured() throws Exception {
        TunnelSettings tunnel = TunnelSettings.builder()
                .dnsServers(List.of((Ipv4Address) IpAddress.parse("198.18.0.53"), (Ipv4Address) IpAddress.parse("198.18.0.54"),
                        (Ipv4Address) IpAddress.parse("198.18.0.55")))
                .dnsSuffix("corp.example")
                .splitInclude(List.of(IpPrefix.parse("198.18.0.0/24"), IpPrefix.parse("10.0.0.0/8"),
                        IpPrefix.parse("2001:db8:c0::/64")))
                .splitExclude(List.of(IpPrefix.parse("10.1.0.0/16")))
                .ipv6(Ipv6Settings.enabledDefaults())
                .heartbeatInterval(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofMinutes(10))
                .authTimeout(Duration.ofHours(2))
                .tunConnectWithoutReauth(false)
                .build();
        Document doc = parse(fetch(tunnel));
        assertEquals("5", only(doc, "dtls-config").getAttribute("heartbeat-interval"));
        assertEquals("0", only(doc, "auth-ses").getAttribute("tun-connect-without-reauth"));
        assertEquals("600", only(doc, "idle-timeout").getAttribute("val"));
        assertEquals("7200", only(doc, "auth-timeout").getAttribute("val"));
        Element ipv4 = only(doc, "ipv4");
        assertEquals(3, ipv4.getElementsByTagName("dns").getLength());
        NodeList splits = ipv4.getElementsByTagName("split-tunnel-info");
        assertEquals(2, splits.getLength());
        Element include = (Element) splits.item(0);
        assertEquals("", include.getAttribute("negate"));
        Element first = (Element) include.getElementsByTagName("addr").item(0);
        assertEquals("198.18.0.0", first.getAttribute("ip"));
        assertEquals("255.255.255.0", first.getAttribute("mask"));
        assertEquals("255.0.0.0", ((Element) include.getElementsByTagName("addr").item(1)).getAttribute("mask"));
        Element exclude = (Element) splits.item(1);
        assertEquals("1", exclude.getAttribute("negate"));
        assertEquals("255.255.0.0", ((Element) exclude.getElementsByTagName("addr").item(0)).getAttribute("mask"));

        Element ipv6 = only(doc, "ipv6");
        Element assigned6 = (Element) ipv6.getElementsByTagName("assigned-addr").item(0);
        assertTrue(IpPrefix.parse("2001:db8:1::/64").contains(IpAddress.parse(assigned6.getAttribute("ipv6"))));
        assertEquals("64", assigned6.getAttribute("prefix-len"));
        assertEquals("2001:db8:c0::53", ((Element) ipv6.getElementsByTagName("dns").item(0)).getAttribute("ipv6"));
        Element route6 = (Element) ((Element) ipv6.getElementsByTagName("split-tunnel-info").item(0))
                .getElementsByTagName("addr").item(0);
        assertEquals("2001:db8:c0::", route6.getAttribute("ipv6"));
        assertEquals("64", route6.getAttribute("prefix-len"));
    }

    @Test
    @DisplayName("§3: without DNS servers the suffix is still sent, and no <dns ip=>")
    void noDnsServers() throws Exception {
        Document doc = parse(fetch(TunnelSettings.builder().dnsServers(List.of()).build()));
        Element dns = only(doc, "ipv4/dns");
        assertEquals("", dns.getAttribute("ip"));
        assertEquals("corp.example", dns.getAttribute("domain"));
    }

    @Test
    @DisplayName("hook malformedXml: a truncated <sslvpn-tunnel that no XML parser accepts")
    void malformedXmlHook() throws Exception {
        fixture.start(EmulatorFixture.alice());
        fixture.emulator().hooks().malformedXml(true);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String cookie = client.login("alice", "secret");
            RawResponse broken = client.get("/remote/fortisslvpn_xml", cookie);
            assertEquals(200, broken.status());
            assertTrue(broken.bodyText().contains("<sslvpn-tunnel"));
            assertThrows(SAXException.class, () -> parse(broken));
            fixture.emulator().hooks().malformedXml(false);
            assertEquals("sslvpn-tunnel", parse(client.get("/remote/fortisslvpn_xml", cookie)).getDocumentElement().getTagName());
            assertNull(client.get("/remote/fortisslvpn_xml", cookie).header("Set-Cookie"));
        }
    }

    @Test
    @DisplayName("§3: each session gets its own address")
    void addressesPerSession() throws Exception {
        fixture.start(EmulatorFixture.alice());
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            String a = only(parse(client.get("/remote/fortisslvpn_xml", client.login("alice", "secret"))),
                    "ipv4/assigned-addr").getAttribute("ipv4");
            String b = only(parse(client.get("/remote/fortisslvpn_xml", client.login("alice", "secret"))),
                    "ipv4/assigned-addr").getAttribute("ipv4");
            assertTrue(!a.equals(b), a + " vs " + b);
        }
    }
}
