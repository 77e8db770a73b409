package dev.quetzal.runtime.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What this process may do with ports below the unprivileged limit.
 *
 * @param root effective user id 0
 * @param netBindService CAP_NET_BIND_SERVICE in the effective set (Linux capabilities(7))
 * @param unprivilegedPortStart the first port anyone may bind (Linux {@code net.ipv4.ip_unprivileged_port_start},
 *     1024 elsewhere)
 */
public record Privileges(boolean root, boolean netBindService, int unprivilegedPortStart) {
    /** Bit 10 of the capability sets, linux/capability.h. */
    private static final int CAP_NET_BIND_SERVICE = 10;

    public boolean mayBind(int port) {
        return port == 0 || port >= unprivilegedPortStart || root || netBindService;
    }

    /** This process's, read from /proc on Linux; elsewhere root by user name, no capability, limit 1024. */
    public static Privileges ofProcess() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return new Privileges("root".equals(System.getProperty("user.name")), false, 1024);
        }
        try {
            return fromStatus(Files.readAllLines(status), systemUnprivilegedPortStart());
        } catch (IOException | RuntimeException e) {
            return new Privileges(false, false, 1024); // unknown: the bind attempt still tells
        }
    }

    /** From the lines of /proc/PID/status (proc(5)): the effective uid and the effective capability set. */
    static Privileges fromStatus(List<String> lines, int unprivilegedPortStart) {
        // Uid: real, effective, saved, filesystem.
        boolean root = field(lines, "Uid:").map(v -> v.split("\\s+")[1].equals("0")).orElse(false);
        boolean capability = field(lines, "CapEff:")
                .map(v -> (Long.parseUnsignedLong(v, 16) >>> CAP_NET_BIND_SERVICE & 1) == 1).orElse(false);
        return new Privileges(root, capability, unprivilegedPortStart);
    }

    private static Optional<String> field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).trim()).findFirst();
    }

    private static int systemUnprivilegedPortStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).trim());
        } catch (IOException | RuntimeException e) {
            return 1024;
        }
    }
}
