package dev.quetzal.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import dev.quetzal.runtime.cli.CliRun.Result;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code quetzal service systemd|launchd}, {@code quetzal pf} and {@code quetzal nftables} (issue 9, "Service
 * files"): the unit checked by {@code systemd-analyze verify}, the LaunchDaemon by an XML parser against the plist
 * structure, the nftables table by {@code nft -c -f} (as root).
 */
final class ServiceFilesTest {
    @TempDir
    Path dir;

    private Path config(String backend) throws Exception {
        Path config = dir.resolve("gateway.json");
        Files.writeString(config, """
                {"frontends": [{"type": "ikev2", "certificate": "c.pem", "key": "k.pem", "clientCa": "ca.pem",
                                "ikePort": 9500, "natPort": 9501}],
                 "backend": %s}
                """.formatted(backend));
        return config;
    }

    private Path launcher() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("quetzal-1.0").resolve("bin")).resolve("quetzal");
        Files.writeString(bin, "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    @DisplayName("issue 9: the system unit runs bin/quetzal run --config as its own user with CAP_NET_BIND_SERVICE,"
            + " adds CAP_NET_ADMIN and /dev/net/tun only for a tun backend, is hardened, and systemd-analyze accepts it")
    void systemdUnit() throws Exception {
        Path launcher = launcher();
        Result tun = CliRun.run("service", "systemd", "--config", config("{\"type\": \"tun\"}").toString(),
                "--launcher", launcher.toString());
        assertEquals(ExitCodes.OK, tun.status(), tun.err());
        List<String> lines = tun.out().lines().toList();
        for (String line : List.of("ExecStart=" + launcher + " run --config " + dir.resolve("gateway.json"),
                "User=quetzal", "AmbientCapabilities=CAP_NET_BIND_SERVICE CAP_NET_ADMIN", "DeviceAllow=/dev/net/tun rw",
                "Restart=on-failure", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "PrivateTmp=" + (dir.startsWith("/tmp") || dir.startsWith("/var/tmp") ? "no" : "yes"),
                "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK", "WantedBy=multi-user.target")) {
            assertTrue(lines.contains(line), line + " missing in\n" + tun.out());
        }
        assertFalse(tun.out().contains("MemoryDenyWriteExecute"), "the JIT needs writable code");
        verify(tun.out(), "quetzal.service");

        Result udp = CliRun.run("service", "systemd", "--config", config("{\"type\": \"raw-udp\", \"peer\": \"127.0.0.1:1\"}")
                .toString(), "--launcher", launcher.toString());
        assertTrue(udp.out().lines().toList().contains("AmbientCapabilities=CAP_NET_BIND_SERVICE"), udp.out());
        assertTrue(udp.out().contains("PrivateDevices=yes") && !udp.out().contains("CAP_NET_ADMIN"), udp.out());
        verify(udp.out(), "quetzal-udp.service");
    }

    @Test
    @DisplayName("issue 9: the user unit has no User= and no capabilities (a user manager cannot grant them),"
            + " restarts on failure, and systemd-analyze accepts it")
    void systemdUserUnit() throws Exception {
        Result user = CliRun.run("service", "systemd", "--user", "--config", config("{\"type\": \"tun\"}").toString(),
                "--launcher", launcher().toString());
        assertEquals(ExitCodes.OK, user.status(), user.err());
        assertFalse(user.out().contains("User=") || user.out().contains("Capabilities="), user.out());
        assertTrue(user.out().contains("Restart=on-failure") && user.out().contains("WantedBy=default.target"), user.out());
        assertTrue(user.out().contains("loginctl enable-linger"), user.out());
        verify(user.out(), "quetzal-user.service");
    }

    @Test
    @DisplayName("issue 9: the LaunchDaemon is a property list with Label, ProgramArguments, RunAtLoad, KeepAlive and"
            + " the log paths")
    void launchdPlist() throws Exception {
        Path launcher = launcher();
        Result result = CliRun.run("service", "launchd", "--config", config("{\"type\": \"raw-udp\"}").toString(),
                "--launcher", launcher.toString());
        assertEquals(ExitCodes.OK, result.status(), result.err());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(result.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals("-//Apple//DTD PLIST 1.0//EN", document.getDoctype().getPublicId());
        Element dict = elements(document.getDocumentElement()).getFirst();
        assertEquals("dict", dict.getTagName());
        List<Element> entries = elements(dict);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += 2) {
            assertEquals("key", entries.get(i).getTagName(), "key/value pairs");
            keys.add(entries.get(i).getTextContent());
            Element value = entries.get(i + 1);
            switch (entries.get(i).getTextContent()) {
                case "Label" -> assertEquals("dev.quetzal.gateway", value.getTextContent());
                case "ProgramArguments" -> assertEquals(List.of(launcher.toString(), "run", "--config",
                        dir.resolve("gateway.json").toString()), elements(value).stream().map(Node::getTextContent).toList());
                case "RunAtLoad" -> assertEquals("true", value.getTagName());
                case "KeepAlive" -> assertEquals("dict", value.getTagName());
                case "StandardOutPath", "StandardErrorPath" -> assertEquals("/var/log/quetzal.log", value.getTextContent());
                default -> assertTrue(List.of("integer", "string").contains(value.getTagName()), value.getTagName());
            }
        }
        assertTrue(keys.containsAll(List.of("Label", "ProgramArguments", "RunAtLoad", "KeepAlive", "StandardOutPath",
                "StandardErrorPath")), keys::toString);
        // dd-plist, a property-list library, reads it too.
        NSDictionary parsed = (NSDictionary) PropertyListParser.parse(result.out().getBytes(StandardCharsets.UTF_8));
        assertEquals("dev.quetzal.gateway", parsed.objectForKey("Label").toJavaObject());
        assertEquals(Boolean.TRUE, parsed.objectForKey("RunAtLoad").toJavaObject());
        assertEquals(4, ((NSArray) parsed.objectForKey("ProgramArguments")).count());
        assertEquals(Boolean.FALSE, ((NSDictionary) parsed.objectForKey("KeepAlive")).objectForKey("SuccessfulExit").toJavaObject());
    }

    @Test
    @DisplayName("issue 9: pf redirects the spare address's UDP 500/4500 on lo0 to Quetzal's ports; nftables does the"
            + " same for local and forwarded clients, and nft -c accepts it (as root)")
    void redirects() throws Exception {
        Path config = config("{\"type\": \"raw-udp\"}");
        Result pf = CliRun.run("pf", "--config", config.toString());
        assertEquals(ExitCodes.OK, pf.status(), pf.err());
        assertTrue(pf.out().lines().toList().containsAll(List.of(
                "rdr pass on lo0 inet proto udp from any to 192.0.2.40 port 500 -> 127.0.0.1 port 9500",
                "rdr pass on lo0 inet proto udp from any to 192.0.2.40 port 4500 -> 127.0.0.1 port 9501")), pf.out());
        assertTrue(pf.out().contains("pfctl -a com.apple/quetzal -f"), pf.out());

        Result nft = CliRun.run("nftables", "--config", config.toString(), "--address", "198.18.9.9");
        assertEquals(ExitCodes.OK, nft.status(), nft.err());
        assertEquals(2, nft.out().lines().filter(l -> l.strip().equals("ip daddr 198.18.9.9 udp dport 500 redirect to :9500"))
                .count(), nft.out());
        assertTrue(nft.out().contains("type nat hook output priority -100;"), nft.out());
        if (Files.isExecutable(Path.of("/usr/sbin/nft")) && "root".equals(System.getProperty("user.name"))) {
            Path file = dir.resolve("quetzal.nft");
            Files.writeString(file, nft.out());
            Process check = new ProcessBuilder("/usr/sbin/nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
            assertTrue(check.waitFor(20, TimeUnit.SECONDS), "nft -c did not finish");
            assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }

        Result bad = CliRun.run("pf", "--config", config.toString(), "--address", "2001:db8::1");
        assertEquals(ExitCodes.BAD_INPUT, bad.status());
        assertTrue(bad.err().contains("--address: expected a spare IPv4 address"), bad.err());
        Result missing = CliRun.run("nftables", "--config", dir.resolve("none.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("none.json does not exist"), missing.err());
    }

    /** {@code systemd-analyze verify} on the unit, where systemd is installed (CI installs it: .ci/run). */
    private void verify(String unit, String name) throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed");
        Path file = dir.resolve(name);
        Files.writeString(file, unit);
        Process verify = new ProcessBuilder(tool.toString(), "verify", "--man=no", file.toString())
                .redirectErrorStream(true).start();
        assertTrue(verify.waitFor(30, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.exitValue(), output);
        assertFalse(output.contains(name), "systemd-analyze complained about the unit:\n" + output);
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
