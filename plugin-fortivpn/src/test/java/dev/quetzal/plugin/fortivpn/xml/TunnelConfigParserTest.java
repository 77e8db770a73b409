package dev.quetzal.plugin.fortivpn.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XML config of protocol notes §3, and the parser's defences against hostile XML (XXE, bombs, size). */
final class TunnelConfigParserTest {
    /** Shaped like the notes §3 example and OpenConnect's www/fortinet.xml. */
    static final String FULL = """
            <?xml version="1.0" encoding="utf-8"?>
            <sslvpn-tunnel ver="2" dtls="1" patch="1">
              <dtls-config heartbeat-interval="10" heartbeat-fail-count="10" heartbeat-idle-timeout="10" client-hello-timeout="10"/>
              <tunnel-method value="ppp"/><tunnel-method value="tun"/>
              <fos platform="FG100E" major="5" minor="06" patch="6" build="1630" branch="1630"/>
              <auth-ses check-src-ip="0" tun-connect-without-reauth="1" tun-user-ses-timeout="240"/>
              <client-config save-password="off" keep-alive="on" auto-connect="off"/>
              <ipv4>
                <dns ip="1.1.1.1"/><dns ip="8.8.8.8" domain="corp.example, lab.example"/>
                <split-dns domains="a.local,b.local" dnsserver1="10.0.0.53"/>
                <assigned-addr ipv4="172.16.1.1"/>
                <split-tunnel-info>
                  <addr ip="10.0.0.0" mask="255.0.0.0"/>
                  <addr ip="192.168.7.9" mask="255.255.255.0"/>
                  <addr ip="198.18.0.10" mask="255.255.255.255"/>
                  <addr ip="10.9.9.9" mask="255.0.255.0"/>
                </split-tunnel-info>
                <split-tunnel-info negate="1"><addr ip="10.99.0.0" mask="255.255.0.0"/></split-tunnel-info>
              </ipv4>
              <ipv6>
                <assigned-addr ipv6="2001:db8:1::5" prefix-len="64"/>
                <dns ipv6="2001:db8::53"/>
                <split-tunnel-info><addr ipv6="2001:db8:c0::" prefix-len="48"/></split-tunnel-info>
              </ipv6>
              <idle-timeout val="3600"/><auth-timeout val="18000"/>
            </sslvpn-tunnel>
            """;

    private static TunnelConfig parse(String xml) throws TunnelConfigException {
        return TunnelConfigParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @DisplayName("notes §3: addresses, DNS, suffixes, include and negate routes, heartbeat, timeouts")
    @Test
    void fullConfig() throws Exception {
        TunnelConfig config = parse(FULL);
        assertEquals(IpAddress.parse("172.16.1.1"), config.ipv4Address());
        assertEquals(IpAddress.parse("2001:db8:1::5"), config.ipv6Address());
        assertEquals(64, config.ipv6PrefixLength());
        assertEquals(List.of(IpAddress.parse("1.1.1.1"), IpAddress.parse("8.8.8.8"), IpAddress.parse("2001:db8::53")),
                config.dnsServers());
        assertEquals(List.of(IpAddress.parse("1.1.1.1"), IpAddress.parse("8.8.8.8")), config.ipv4DnsServers());
        assertEquals(List.of("corp.example", "lab.example"), config.dnsSuffixes());
        assertEquals(List.of("a.local", "b.local"), config.splitDnsDomains());
        assertEquals(List.of(
                Route.include(IpPrefix.parse("10.0.0.0/8"), "fortivpn"),
                Route.include(IpPrefix.parse("192.168.7.0/24"), "fortivpn"),
                Route.include(IpPrefix.parse("198.18.0.10/32"), "fortivpn"),
                Route.exclude(IpPrefix.parse("10.99.0.0/16"), "fortivpn"),
                Route.include(IpPrefix.parse("2001:db8:c0::/48"), "fortivpn")), config.routes());
        assertEquals(Duration.ofSeconds(10), config.heartbeatInterval());
        assertEquals(Duration.ofSeconds(3600), config.idleTimeout());
        assertEquals(Duration.ofSeconds(18000), config.authTimeout());
        assertTrue(config.dtls());
        assertTrue(config.tunConnectWithoutReauth());
        assertEquals("FG100E 5.06.6 build 1630", config.fortiOs());
    }

    @DisplayName("notes §3: the minimum OpenConnect accepts is an ipv4 assigned-addr; the rest is optional")
    @Test
    void minimalConfig() throws Exception {
        TunnelConfig config = parse("<sslvpn-tunnel><ipv4><assigned-addr ipv4='198.18.1.7'/></ipv4></sslvpn-tunnel>");
        assertEquals(IpAddress.parse("198.18.1.7"), config.ipv4Address());
        assertNull(config.ipv6Address());
        assertTrue(config.dnsServers().isEmpty());
        assertTrue(config.routes().isEmpty());
        assertNull(config.heartbeatInterval());
        assertFalse(config.tunConnectWithoutReauth());
    }

    @DisplayName("notes §3: no assigned-addr is an error (OpenConnect: \"No IP address received\")")
    @Test
    void missingAddress() {
        TunnelConfigException e = assertThrows(TunnelConfigException.class,
                () -> parse("<sslvpn-tunnel><ipv4><dns ip='1.1.1.1'/></ipv4></sslvpn-tunnel>"));
        assertTrue(e.getMessage().contains("no assigned-addr"), e.getMessage());
        e = assertThrows(TunnelConfigException.class,
                () -> parse("<sslvpn-tunnel><ipv4><assigned-addr ipv4='300.1.1.1'/></ipv4></sslvpn-tunnel>"));
        assertTrue(e.getMessage().contains("bad ipv4/assigned-addr"), e.getMessage());
    }

    @DisplayName("malformed XML, a wrong root, an empty body and an oversized body are typed errors")
    @Test
    void malformed() {
        String[] bad = {"<sslvpn-tunnel", "<sslvpn-tunnel><ipv4></sslvpn-tunnel>", "not xml at all",
            "<html><body>login</body></html>", ""};
        for (String text : bad) {
            TunnelConfigException e = assertThrows(TunnelConfigException.class, () -> parse(text), text);
            assertFalse(e.getMessage().isBlank());
        }
        byte[] huge = new byte[TunnelConfigParser.MAX_BYTES + 1];
        assertThrows(TunnelConfigException.class, () -> TunnelConfigParser.parse(huge));
    }

    @DisplayName("XXE: an external entity naming a local file is refused before anything is read")
    @Test
    void externalEntityRefused(@TempDir Path folder) throws Exception {
        Path secret = folder.resolve("secret.txt");
        Files.writeString(secret, "198.51.100.99");
        String xml = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM '" + secret.toUri() + "'>]>"
                + "<sslvpn-tunnel><ipv4><assigned-addr ipv4='&e;'/></ipv4></sslvpn-tunnel>";
        TunnelConfigException e = assertThrows(TunnelConfigException.class, () -> parse(xml));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("198.51.100.99"));
    }

    @DisplayName("XXE: parameter entities, external DTDs and entity expansion bombs are refused")
    @Test
    void otherEntityAttacksRefused() {
        String[] attacks = {
            "<!DOCTYPE x [<!ENTITY % p SYSTEM 'http://127.0.0.1:1/evil.dtd'> %p;]><sslvpn-tunnel/>",
            "<!DOCTYPE sslvpn-tunnel SYSTEM 'http://127.0.0.1:1/x.dtd'><sslvpn-tunnel/>",
            "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                    + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><sslvpn-tunnel><ipv4><assigned-addr ipv4='&c;'/></ipv4></sslvpn-tunnel>",
        };
        for (String xml : attacks) {
            TunnelConfigException e = assertThrows(TunnelConfigException.class, () -> parse(xml), xml);
            assertTrue(e.getMessage().startsWith("malformed XML"), e.getMessage());
        }
    }

    @DisplayName("dotted masks: contiguous ones give the prefix length, others are unusable (-1)")
    @Test
    void masks() {
        assertEquals(0, TunnelConfigParser.maskLength("0.0.0.0"));
        assertEquals(8, TunnelConfigParser.maskLength("255.0.0.0"));
        assertEquals(22, TunnelConfigParser.maskLength("255.255.252.0"));
        assertEquals(32, TunnelConfigParser.maskLength("255.255.255.255"));
        assertEquals(-1, TunnelConfigParser.maskLength("255.0.255.0"));
        assertEquals(-1, TunnelConfigParser.maskLength("garbage"));
    }
}
