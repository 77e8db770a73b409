package dev.quetzal.emulator.portal;

import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.session.Session;
import java.util.List;

/**
 * The {@code GET /remote/fortisslvpn_xml} answer (fortivpn-protocol.md §3 and §9): the session's
 * address, DNS, search domain, split routes (include, and exclude with {@code negate="1"}), IPv6 when
 * configured, heartbeat, auth-ses and timeouts, and always {@code dtls="0"}.
 */
final class TunnelXml {
    /** What the malformedXml hook serves: the root element cut off mid-attribute. */
    static final String MALFORMED = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sslvpn-tunnel ver=\"2\" dtls=\"0\" patch=\"1\"><ipv4><assigned-addr ipv4=\"";

    private TunnelXml() {}

    static String render(Session session, TunnelSettings settings) {
        StringBuilder xml = new StringBuilder(1024);
        long heartbeat = settings.heartbeatInterval().toSeconds();
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.append("<sslvpn-tunnel ver=\"2\" dtls=\"0\" patch=\"1\">\n");
        xml.append("<dtls-config heartbeat-interval=\"").append(heartbeat)
                .append("\" heartbeat-fail-count=\"10\" heartbeat-idle-timeout=\"").append(heartbeat)
                .append("\" client-hello-timeout=\"10\"/>\n");
        xml.append("<tunnel-method value=\"ppp\"/>\n<tunnel-method value=\"tun\"/>\n");
        xml.append("<fos platform=\"FGVM64\" major=\"7\" minor=\"02\" patch=\"5\" build=\"1517\" branch=\"1517\"/>\n");
        xml.append("<auth-ses check-src-ip=\"0\" tun-connect-without-reauth=\"")
                .append(settings.tunConnectWithoutReauth() ? 1 : 0)
                .append("\" tun-user-ses-timeout=\"240\"/>\n");
        xml.append("<client-config save-password=\"off\" keep-alive=\"on\" auto-connect=\"off\"/>\n");
        xml.append("<ipv4>\n");
        appendDns(xml, settings);
        xml.append("<assigned-addr ipv4=\"").append(session.address()).append("\"/>\n");
        appendIpv4Routes(xml, settings.splitInclude(), false);
        appendIpv4Routes(xml, settings.splitExclude(), true);
        xml.append("</ipv4>\n");
        if (session.address6() != null) {
            appendIpv6(xml, session.address6(), settings);
        }
        xml.append("<idle-timeout val=\"").append(settings.idleTimeout().toSeconds()).append("\"/>\n");
        xml.append("<auth-timeout val=\"").append(settings.authTimeout().toSeconds()).append("\"/>\n");
        xml.append("</sslvpn-tunnel>\n");
        return xml.toString();
    }

    private static void appendDns(StringBuilder xml, TunnelSettings settings) {
        String suffix = settings.dnsSuffix();
        List<Ipv4Address> servers = settings.dnsServers();
        for (int i = 0; i < servers.size(); i++) {
            xml.append("<dns ip=\"").append(servers.get(i)).append('"');
            // openfortivpn reads only the first domain=, OpenConnect any: put it on the first server.
            if (i == 0 && suffix != null && !suffix.isEmpty()) {
                xml.append(" domain=\"").append(Html.escape(suffix)).append('"');
            }
            xml.append("/>\n");
        }
        if (servers.isEmpty() && suffix != null && !suffix.isEmpty()) {
            xml.append("<dns domain=\"").append(Html.escape(suffix)).append("\"/>\n");
        }
    }

    private static void appendIpv4Routes(StringBuilder xml, List<IpPrefix> routes, boolean negate) {
        List<IpPrefix> v4 = routes.stream().filter(p -> p.family() == IpFamily.IPV4).toList();
        if (v4.isEmpty()) {
            return;
        }
        xml.append(negate ? "<split-tunnel-info negate=\"1\">\n" : "<split-tunnel-info>\n");
        for (IpPrefix prefix : v4) {
            xml.append("<addr ip=\"").append(prefix.address()).append("\" mask=\"")
                    .append(new Ipv4Address(prefix.length() == 0 ? 0 : -1 << (32 - prefix.length())))
                    .append("\"/>\n");
        }
        xml.append("</split-tunnel-info>\n");
    }

    private static void appendIpv6(StringBuilder xml, Ipv6Address address, TunnelSettings settings) {
        xml.append("<ipv6>\n");
        for (Ipv6Address dns : settings.ipv6().dnsServers()) {
            xml.append("<dns ipv6=\"").append(dns).append("\"/>\n");
        }
        xml.append("<assigned-addr ipv6=\"").append(address).append("\" prefix-len=\"")
                .append(settings.ipv6().prefix().length()).append("\"/>\n");
        appendIpv6Routes(xml, settings.splitInclude(), false);
        appendIpv6Routes(xml, settings.splitExclude(), true);
        xml.append("</ipv6>\n");
    }

    private static void appendIpv6Routes(StringBuilder xml, List<IpPrefix> routes, boolean negate) {
        List<IpPrefix> v6 = routes.stream().filter(p -> p.family() == IpFamily.IPV6).toList();
        if (v6.isEmpty()) {
            return;
        }
        xml.append(negate ? "<split-tunnel-info negate=\"1\">\n" : "<split-tunnel-info>\n");
        for (IpPrefix prefix : v6) {
            xml.append("<addr ipv6=\"").append(prefix.address()).append("\" prefix-len=\"").append(prefix.length())
                    .append("\"/>\n");
        }
        xml.append("</split-tunnel-info>\n");
    }
}
