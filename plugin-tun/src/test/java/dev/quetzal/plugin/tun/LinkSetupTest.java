package dev.quetzal.plugin.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpPrefix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code "configure": true}: the ip(8) commands (iproute2's ip-link, ip-address and ip-route
 * syntax), run in order, stopped at the first failure with a one-line error. Host addresses are
 * /32 and /128 (RFC 4632 §3.1, RFC 4291 §2.3).
 */
final class LinkSetupTest {
    private static final List<IpAddress> ADDRESSES =
            List.of(IpAddress.parse("198.18.210.1"), IpAddress.parse("2001:db8:210::1"));
    private static final List<IpPrefix> POOL =
            List.of(IpPrefix.parse("198.18.211.0/24"), IpPrefix.parse("2001:db8:211::/64"));

    @Test
    @DisplayName("link up with the MTU, host addresses, then a route per pool range")
    void commandsInOrder() {
        assertEquals(List.of(
                List.of("ip", "link", "set", "dev", "qz0", "mtu", "1400", "up"),
                List.of("ip", "address", "replace", "198.18.210.1/32", "dev", "qz0"),
                List.of("ip", "address", "replace", "2001:db8:210::1/128", "dev", "qz0"),
                List.of("ip", "route", "replace", "198.18.211.0/24", "dev", "qz0"),
                List.of("ip", "route", "replace", "2001:db8:211::/64", "dev", "qz0")),
                LinkSetup.commands("qz0", 1400, ADDRESSES, POOL));
    }

    @Test
    @DisplayName("with no addresses and no pool, only the link is set up")
    void linkOnly() {
        assertEquals(List.of(List.of("ip", "link", "set", "dev", "qz1", "mtu", "9000", "up")),
                LinkSetup.commands("qz1", 9000, List.of(), List.of()));
    }

    @Test
    @DisplayName("the first failing command stops the setup; the error names it, its status and its first line")
    void stopsAtFirstFailure() {
        List<List<String>> ran = new ArrayList<>();
        LinkSetup setup = new LinkSetup(command -> {
            ran.add(command);
            return command.get(1).equals("address")
                    ? new LinkSetup.Result(2, "Error: ipv6: address already assigned.\nmore\n")
                    : new LinkSetup.Result(0, "");
        });
        IOException e = assertThrows(IOException.class, () -> setup.apply("qz0", 1400, ADDRESSES, POOL));
        assertEquals("configure TUN device qz0: `ip address replace 198.18.210.1/32 dev qz0` exited with 2:"
                + " Error: ipv6: address already assigned.", e.getMessage());
        assertEquals(2, ran.size());
    }

    @Test
    @DisplayName("a command that cannot start is reported with its line")
    void commandThatCannotRun() {
        LinkSetup setup = new LinkSetup(command -> {
            throw new IOException("Cannot run program \"ip\": error=2, No such file or directory");
        });
        IOException e = assertThrows(IOException.class, () -> setup.apply("qz0", 1400, List.of(), List.of()));
        assertEquals("configure TUN device qz0: cannot run `ip link set dev qz0 mtu 1400 up`: Cannot run program"
                + " \"ip\": error=2, No such file or directory", e.getMessage());
    }

    @Test
    @DisplayName("a silent failure says so")
    void silentFailure() {
        LinkSetup setup = new LinkSetup(command -> new LinkSetup.Result(1, "\n"));
        IOException e = assertThrows(IOException.class, () -> setup.apply("qz0", 1400, List.of(), List.of()));
        assertEquals("configure TUN device qz0: `ip link set dev qz0 mtu 1400 up` exited with 1: no output",
                e.getMessage());
    }

    @Test
    @Timeout(20)
    @DisplayName("the real runner returns the exit status and the combined output")
    void realRunner() throws IOException {
        LinkSetup.Result result = new LinkSetup.Real().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, result.exitCode());
        assertEquals("out\nerr\n", result.output());
        assertThrows(IOException.class, () -> new LinkSetup.Real().run(List.of("/nonexistent/quetzal-ip")));
    }
}
