package dev.quetzal.runtime.cli.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd service unit (systemd.service(5), systemd.exec(5)) that runs {@code bin/quetzal run --config FILE}. The
 * system unit runs as the dedicated user {@value #USER} with CAP_NET_BIND_SERVICE as its only ambient capability
 * (IKE's ports 500/4500 are below 1024), plus CAP_NET_ADMIN and /dev/net/tun when the backend is {@code tun}, and the
 * sandboxing options that leave the JVM working (no MemoryDenyWriteExecute: the JIT writes code). A user unit
 * (systemd --user) cannot grant capabilities, so it needs ports from 1024 or {@code setcap} on the JVM.
 */
public final class SystemdUnit {
    static final String USER = "quetzal";

    private SystemdUnit() {}

    /**
     * @param launcher the installation's {@code bin/quetzal}, absolute
     * @param user a user unit ({@code systemctl --user}) instead of a system unit
     */
    public static String render(Path launcher, ServiceSettings settings, boolean user) {
        List<String> unit = new ArrayList<>();
        unit.add("# Quetzal VPN gateway: " + (user
                ? "save as ~/.config/systemd/user/quetzal.service, then systemctl --user daemon-reload &&"
                        + " systemctl --user enable --now quetzal; loginctl enable-linger keeps it running after logout"
                : "save as /etc/systemd/system/quetzal.service, then systemctl daemon-reload &&"
                        + " systemctl enable --now quetzal; logs: journalctl -u quetzal"));
        if (!user) {
            unit.add("# It runs as the user " + USER + ": useradd --system --no-create-home --shell /usr/sbin/nologin "
                    + USER + ", and let it read the config and the key files.");
        }
        unit.add("[Unit]");
        unit.add("Description=Quetzal VPN gateway");
        unit.add("After=network-online.target");
        unit.add("Wants=network-online.target");
        unit.add("");
        unit.add("[Service]");
        unit.add("Type=exec");
        unit.add("ExecStart=" + quote(launcher.toString()) + " run --config " + quote(settings.config().toString()));
        unit.add("Restart=on-failure");
        unit.add("RestartSec=5s");
        // SIGTERM starts Quetzal's orderly stop (Deletes to clients, logout upstream) within shutdownTimeout.
        unit.add("TimeoutStopSec=30s");
        unit.add("NoNewPrivileges=yes");
        if (user) {
            unit.add("");
            unit.add("[Install]");
            unit.add("WantedBy=default.target");
            return String.join("\n", unit) + "\n";
        }
        String capabilities = settings.tunBackend() ? "CAP_NET_BIND_SERVICE CAP_NET_ADMIN" : "CAP_NET_BIND_SERVICE";
        unit.add("User=" + USER);
        unit.add("Group=" + USER);
        unit.add("AmbientCapabilities=" + capabilities);
        unit.add("CapabilityBoundingSet=" + capabilities);
        unit.add("ProtectSystem=strict");
        boolean underHome = settings.config().startsWith("/home") || settings.config().startsWith("/root")
                || launcher.startsWith("/home") || launcher.startsWith("/root");
        unit.add("ProtectHome=" + (underHome ? "read-only" : "yes"));
        // A private /tmp would hide a config or installation kept there.
        boolean underTmp = settings.config().startsWith("/tmp") || settings.config().startsWith("/var/tmp")
                || launcher.startsWith("/tmp") || launcher.startsWith("/var/tmp");
        unit.add("PrivateTmp=" + (underTmp ? "no" : "yes"));
        if (settings.tunBackend()) {
            unit.add("DeviceAllow=/dev/net/tun rw");
            unit.add("DevicePolicy=closed");
        } else {
            unit.add("PrivateDevices=yes");
        }
        unit.add("StateDirectory=quetzal");
        unit.add("WorkingDirectory=/var/lib/quetzal");
        unit.add("UMask=0077");
        unit.add("ProtectKernelTunables=yes");
        unit.add("ProtectKernelModules=yes");
        unit.add("ProtectKernelLogs=yes");
        unit.add("ProtectControlGroups=yes");
        unit.add("ProtectClock=yes");
        unit.add("ProtectHostname=yes");
        unit.add("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK");
        unit.add("RestrictNamespaces=yes");
        unit.add("RestrictRealtime=yes");
        unit.add("RestrictSUIDSGID=yes");
        unit.add("LockPersonality=yes");
        unit.add("SystemCallArchitectures=native");
        unit.add("");
        unit.add("[Install]");
        unit.add("WantedBy=multi-user.target");
        return String.join("\n", unit) + "\n";
    }

    /** A path as one ExecStart word: quoted when it has spaces (systemd.service(5), "Command lines"). */
    static String quote(String path) {
        if (path.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\' || c == '%' || c == '$')) {
            throw new IllegalArgumentException("cannot put " + path + " into a unit file: it has a quote, backslash, %, $"
                    + " or control character");
        }
        return path.contains(" ") ? "\"" + path + "\"" : path;
    }
}
