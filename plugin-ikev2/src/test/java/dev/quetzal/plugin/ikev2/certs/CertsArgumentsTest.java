package dev.quetzal.plugin.ikev2.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code quetzal certs} command line: each subcommand's options, defaults, and one clear line per
 * mistake. Names follow RFC 1123 §2.1 (DNS labels) and RFC 5280 §4.2.1.6 (SAN kinds: an identity with
 * '@' is an rfc822Name, others a dNSName, matching IKE ID types per RFC 7296 §3.5).
 */
final class CertsArgumentsTest {
    private static final Path CWD = Path.of("/work/here");

    private static CertsRequest run(String... args) {
        return assertInstanceOf(CertsArguments.Parsed.Run.class, CertsArguments.parse(List.of(args), CWD)).request();
    }

    private static String invalid(String... args) {
        return assertInstanceOf(CertsArguments.Parsed.Invalid.class, CertsArguments.parse(List.of(args), CWD)).message();
    }

    @Test
    @DisplayName("ca: defaults to ecdsa-p256 and \"Quetzal VPN CA\"; paths resolve against the working directory")
    void authorityDefaults() {
        assertEquals(new CertsRequest.Authority(Path.of("/work/here/pki"), "Quetzal VPN CA", KeyType.ECDSA_P256), run("ca", "--out", "pki"));
        assertEquals(new CertsRequest.Authority(Path.of("/abs"), "My CA", KeyType.RSA_3072),
                run("ca", "--out=/abs", "--name", "My CA", "--key=rsa-3072"));
    }

    @Test
    @DisplayName("server: repeated and comma-separated --san, IP literals become iPAddress, names lower-cased")
    void serverNames() throws Exception {
        assertEquals(new CertsRequest.Server(Path.of("/work/here/ca"), Path.of("/work/here/out"), "vpn.example.com",
                        List.of(new SubjectAltName.Ip(InetAddress.getByName("198.18.0.1")), new SubjectAltName.Dns("alt.example.com"),
                                new SubjectAltName.Ip(InetAddress.getByName("2001:db8::1"))),
                        KeyType.ECDSA_P384),
                run("server", "--ca", "ca", "--out", "out", "--name", "VPN.Example.com", "--san", "198.18.0.1, alt.example.com",
                        "--san", "2001:db8::1", "--key", "ecdsa-p384"));
    }

    @Test
    @DisplayName("client: '@' makes an e-mail identity, otherwise a DNS-name identity")
    void clientIdentity() {
        assertEquals(new CertsRequest.Client(Path.of("/work/here/ca"), Path.of("/work/here/out"), new SubjectAltName.Email("alice@example.com"),
                Optional.of("PW"), KeyType.ECDSA_P256), run("client", "--ca", "ca", "--out", "out", "--name", "alice@Example.COM",
                "--p12-password-env", "PW"));
        CertsRequest.Client bob = (CertsRequest.Client) run("client", "--ca", "ca", "--out", "out", "--name", "bob");
        assertEquals(new SubjectAltName.Dns("bob"), bob.identity());
        assertEquals("bob", bob.name());
        assertEquals(Optional.empty(), bob.passwordVariable());
    }

    @Test
    @DisplayName("help: no arguments, help, --help or -h anywhere")
    void help() {
        for (List<String> args : List.of(List.<String>of(), List.of("help"), List.of("server", "--help"), List.of("ca", "-h"))) {
            assertInstanceOf(CertsArguments.Parsed.Help.class, CertsArguments.parse(args, CWD), args::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "intermediate --out x                                | unknown subcommand \"intermediate\"; expected ca, server or client",
        "ca                                                  | ca: --out is required",
        "ca --out                                            | ca: --out needs a value",
        "ca --out a --out b                                  | ca: --out given twice",
        "ca --out a --san x.example                          | ca: unknown option --san",
        "ca --out a extra                                    | ca: unexpected argument \"extra\"",
        "ca --out a --key rsa-1024                           | ca: --key: expected ecdsa-p256, ecdsa-p384 or rsa-3072, got \"rsa-1024\"",
        "server --ca c --out o                               | server: --name is required",
        "server --out o --name vpn.example.com               | server: --ca is required",
        "server --ca c --out o --name -bad-.example.com      | server: --name: expected a DNS name like vpn.example.com, got \"-bad-.example.com\"",
        "server --ca c --out o --name a..b                   | server: --name: expected a DNS name like vpn.example.com, got \"a..b\"",
        "server --ca c --out o --name x.example --san 300.1.1.1 | server: --san: expected a DNS name or an IP address, got \"300.1.1.1\"",
        "server --ca c --out o --name x.example --san a/b    | server: --san: expected a DNS name or an IP address, got \"a/b\"",
        "client --ca c --out o --name ../../etc/passwd       | client: --name: expected an e-mail address or a name like alice (letters, digits, dashes, dots), got \"../../etc/passwd\"",
        "client --ca c --out o --name a/b@example.com        | client: --name: expected an e-mail address like alice@example.com (letters, digits and . _ + - before the @), got \"a/b@example.com\"",
        "client --ca c --out o --name a@b@example.com        | client: --name: expected an e-mail address like alice@example.com (letters, digits and . _ + - before the @), got \"a@b@example.com\"",
        "client --ca c --out o --name bob --p12-password-env 1X | client: --p12-password-env: expected an environment variable name, got \"1X\"",
    })
    void mistakesAreOneLine(String args, String expected) {
        assertEquals(expected, invalid(args.split(" +")));
    }
}
