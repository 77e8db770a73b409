package dev.quetzal.runtime.cli.pterodapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pterodapter's command line as Quetzal reads it (pterodapter-inventory §6, issue 7 item 3). */
@DisplayName("pterodapter command line (pterodapter-inventory §6)")
final class PterodapterParserTest {
    private static final List<String> REQUIRED = List.of("--cacert=ca.pem", "--cert=server.pem", "--key=server-key.pem");

    private static List<String> args(String... options) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(options));
        return args;
    }

    private static PterodapterOptions ikev2(List<String> args) {
        PterodapterParse parse = PterodapterParser.parse(args);
        return assertInstanceOf(PterodapterParse.Ikev2.class, parse, parse.toString()).options();
    }

    private static String error(List<String> args) {
        PterodapterParse parse = PterodapterParser.parse(args);
        return assertInstanceOf(PterodapterParse.UsageError.class, parse, parse.toString()).message();
    }

    @Test
    @DisplayName("§6: defaults are pterodapter's: listen ::, IKE port 500, NAT port 4500, no NAT64, no capture")
    void defaults() {
        PterodapterOptions options = ikev2(args("--fortivpn=vpn.example.com:443", "ikev2"));
        assertEquals(List.of(IpAddress.parse("::")), options.listenIps());
        assertEquals(500, options.ikePort());
        assertEquals(4500, options.natPort());
        assertEquals(new HostPort("vpn.example.com", 443), options.destination());
        assertEquals("--fortivpn", options.destinationFlag());
        assertNull(options.nat64Prefix());
        assertNull(options.pcap());
        assertNull(options.idHostname());
        assertEquals(Path.of("ca.pem"), options.cacert());
    }

    @Test
    @DisplayName("§6: --destination is the documented spelling of --fortivpn; both work")
    void destinationSpelling() {
        PterodapterOptions options = ikev2(args("--destination=vpn.example.com:10443", "ikev2"));
        assertEquals(new HostPort("vpn.example.com", 10443), options.destination());
        assertEquals("--destination", options.destinationFlag());
    }

    @Test
    @DisplayName("§6: --name value works like --name=value, options in any order before the mode word")
    void spaceSeparatedValues() {
        PterodapterOptions options = ikev2(List.of("--ike-port", "9500", "--cert", "s.pem", "--fortivpn",
                "vpn.example.com:443", "--key=k.pem", "--nat-port", "9501", "--cacert", "ca.pem", "ikev2"));
        assertEquals(9500, options.ikePort());
        assertEquals(9501, options.natPort());
        assertEquals(Path.of("s.pem"), options.cert());
        assertEquals(Path.of("k.pem"), options.key());
    }

    @Test
    @DisplayName("§6: --listen-ip, --tunnel-domain and --dns64-tunnel-suffix repeat, in order")
    void repeats() {
        PterodapterOptions options = ikev2(args("--fortivpn=vpn.example.com:443", "--listen-ip=192.0.2.1",
                "--listen-ip", "2001:db8::1", "--tunnel-domain=corp.example", "--tunnel-domain=intranet.example",
                "--nat64-prefix=64:ff9b::/96", "--dns64-tunnel-suffix=corp.example",
                "--dns64-tunnel-suffix=lab.example", "--id-hostname=vpn.example.com", "--pcap=out.pcap",
                "--log-level=debug", "ikev2"));
        assertEquals(List.of(IpAddress.parse("192.0.2.1"), IpAddress.parse("2001:db8::1")), options.listenIps());
        assertEquals(List.of("corp.example", "intranet.example"), options.tunnelDomains());
        assertEquals(List.of("corp.example", "lab.example"), options.dns64Suffixes());
        assertEquals(IpPrefix.parse("64:ff9b::/96"), options.nat64Prefix());
        assertEquals("vpn.example.com", options.idHostname());
        assertEquals(Path.of("out.pcap"), options.pcap());
        assertEquals("debug", options.logLevel());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"trace", "debug", "info", "warn", "error", "off"})
    @DisplayName("§6: --log-level takes pterodapter's levels, off included")
    void logLevels(String level) {
        assertEquals(level, ikev2(args("--fortivpn=vpn.example.com:443", "--log-level=" + level, "ikev2")).logLevel());
    }

    @Test
    @DisplayName("issue 7 item 3: Quetzal's own --print-config and --write-config sit among pterodapter's options")
    void quetzalOptions() {
        PterodapterOptions options = ikev2(args("--print-config", "--fortivpn=vpn.example.com:443",
                "--write-config=gateway.json", "ikev2"));
        assertTrue(options.printConfig());
        assertEquals(Path.of("gateway.json"), options.writeConfig());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "help", "--help", "-h",
    })
    @DisplayName("§6: help (or --help) asks for the usage")
    void help(String word) {
        assertInstanceOf(PterodapterParse.Help.class, PterodapterParser.parse(args("--fortivpn=vpn:443", word)));
    }

    @Test
    @DisplayName("§6: --fortivpn is required")
    void missingDestination() {
        assertEquals("--fortivpn=HOST:PORT (or --destination) is required: the FortiGate's SSL-VPN address",
                error(args("ikev2")));
    }

    @Test
    @DisplayName("§6: --destination and --fortivpn together are refused")
    void bothSpellings() {
        assertTrue(error(args("--destination=a.example:443", "--fortivpn=b.example:443", "ikev2"))
                .startsWith("--destination and --fortivpn are two spellings of one option"));
    }

    @Test
    @DisplayName("§6: --dns64-tunnel-suffix requires --nat64-prefix")
    void suffixWithoutPrefix() {
        assertTrue(error(args("--fortivpn=vpn.example.com:443", "--dns64-tunnel-suffix=corp.example", "ikev2"))
                .startsWith("--dns64-tunnel-suffix requires --nat64-prefix"));
    }

    @Test
    @DisplayName("§6: an unknown option is named, with the closest known one")
    void unknownOptionSuggests() {
        assertEquals("unknown option --ike-prot (did you mean --ike-port?)",
                error(args("--fortivpn=vpn.example.com:443", "--ike-prot=500", "ikev2")));
        assertEquals("unknown option --bogus", error(args("--fortivpn=vpn.example.com:443", "--bogus=1", "ikev2")));
    }

    @Test
    @DisplayName("§1, §6: l2gateway is refused with what to use instead, and so are its options in ikev2 mode")
    void l2gateway() {
        String message = error(List.of("--listen-interface=eth0", "--nat64-prefix=64:ff9b::/96", "l2gateway"));
        assertTrue(message.startsWith("Quetzal does not offer pterodapter's l2gateway mode"), message);
        assertTrue(message.contains("Use ikev2 mode instead"), message);
        assertEquals("--fix-mtu is an option of pterodapter's l2gateway mode, which Quetzal does not offer",
                error(args("--fortivpn=vpn.example.com:443", "--fix-mtu", "ikev2")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--fortivpn=vpn.example.com:443                          | missing the mode word: end the command line with ikev2",
        "--fortivpn=vpn.example.com:443 ikev2 --ike-port=9500    | the mode word ikev2 must come last, but \"--ike-port=9500\" follows it",
        "--fortivpn=vpn.example.com:443 ikve2                    | unknown mode \"ikve2\" (did you mean ikev2?); expected ikev2 last",
        "--fortivpn=vpn.example.com:443 --ike-port ikev2         | --ike-port needs a value: --ike-port=VALUE",
        "--fortivpn=vpn.example.com:443 --ike-port=70000 ikev2   | --ike-port: expected a UDP port 0..65535, got \"70000\"",
        "--fortivpn=vpn.example.com:443 --nat-port=x ikev2       | --nat-port: expected a UDP port 0..65535, got \"x\"",
        "--fortivpn=vpn.example.com ikev2                        | --fortivpn: expected host:port, got \"vpn.example.com\"",
        "--destination=vpn.example.com:0 ikev2                   | --destination: expected a port 1..65535, got 0",
        "--fortivpn=vpn.example.com:443 --listen-ip=1.2.3 ikev2  | --listen-ip: expected an IP address, got \"1.2.3\"",
        "--fortivpn=vpn.example.com:443 --log-level=loud ikev2   | --log-level: expected trace, debug, info, warn, error or off, got \"loud\"",
        "--fortivpn=a:1 --ike-port=1 --ike-port=2 ikev2          | --ike-port given twice (\"1\" and \"2\"); only --listen-ip, --tunnel-domain, --dns64-tunnel-suffix may repeat",
        "--fortivpn=a:1 --tunnel-domain=bücher.example ikev2     | --tunnel-domain: expected an ASCII domain name",
        "--fortivpn=a:1 --id-hostname=vpn_1 ikev2                | --id-hostname: expected a host name such as vpn.example.com, got \"vpn_1\"",
        "--fortivpn=a:1 --print-config=yes ikev2                 | --print-config takes no value, got \"yes\"",
        "--fortivpn=a:1 --pcap= ikev2                            | --pcap: expected a file name, got an empty value",
        "--fortivpn=a:1 --nat64-prefix=64:ff9b::/64 ikev2        | --nat64-prefix: expected an IPv6 /96 prefix as pterodapter takes, such as 64:ff9b::/96, got 64:ff9b::/64",
        "--fortivpn=a:1 --nat64-prefix=10.0.0.0/8 ikev2          | --nat64-prefix: expected an IPv6 /96 prefix as pterodapter takes, such as 64:ff9b::/96, got 10.0.0.0/8",
        "--fortivpn=a:1 --nat64-prefix=64:ff9b::1/96 ikev2       | --nat64-prefix: expected a prefix without host bits",
        "--fortivpn=a:1 --nat64-prefix=nonsense ikev2            | --nat64-prefix: expected",
    })
    @DisplayName("§5, §6: each usage error names the option and what was expected (--nat64-prefix: an IPv6 /96)")
    void usageErrors(String argv, String expected) {
        String message = error(args(argv.split(" ")));
        assertTrue(message.startsWith(expected), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--cacert", "--cert", "--key"})
    @DisplayName("§2, §6: the PEM files are required (Quetzal always checks client certificates)")
    void pemFilesRequired(String missing) {
        List<String> args = new ArrayList<>(List.of("--cacert=ca.pem", "--cert=s.pem", "--key=k.pem",
                "--fortivpn=vpn.example.com:443", "ikev2"));
        args.removeIf(arg -> arg.startsWith(missing + "="));
        assertTrue(error(args).startsWith(missing + "=FILE is required"), error(args));
    }
}
