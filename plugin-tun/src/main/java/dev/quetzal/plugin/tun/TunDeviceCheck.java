package dev.quetzal.plugin.tun;

import dev.quetzal.api.diagnostic.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code quetzal doctor} for the {@code tun} backend: the clone device is there and openable, and the process has
 * CAP_NET_ADMIN, which TUNSETIFF and the link setup need (netdevice(7), capabilities(7)).
 */
final class TunDeviceCheck {
    static final Path CLONE_DEVICE = Path.of("/dev/net/tun");
    private static final int CAP_NET_ADMIN = 12;

    private TunDeviceCheck() {}

    static List<Finding> check(Path device, boolean netAdmin) {
        if (!Files.exists(device)) {
            return List.of(Finding.fail(device + " does not exist",
                    "load the tun module (sudo modprobe tun); in a container, pass the device (--device /dev/net/tun)"));
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return List.of(Finding.fail(device + " cannot be opened for reading and writing by this user",
                    "run Quetzal as root or as a user with access to " + device));
        }
        if (!netAdmin) {
            return List.of(Finding.fail("this process lacks CAP_NET_ADMIN, which creating and configuring a TUN device"
                            + " needs",
                    "run as root, or under systemd with AmbientCapabilities=CAP_NET_ADMIN, or give Java the capability"
                            + " (sudo setcap cap_net_admin=+ep \"$(readlink -f \"$(command -v java)\")\")"));
        }
        return List.of(Finding.ok(device + " is there and this process has CAP_NET_ADMIN"));
    }

    /** CAP_NET_ADMIN in this process's effective set (Linux); false where it cannot be read. */
    static boolean processHasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >>> CAP_NET_ADMIN & 1) == 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: the tun backend cannot run anyway
        }
        return false;
    }
}
