package dev.quetzal.fortivpn.ppp;

import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Network-Layer Protocol phase (RFC 1661 §3.5): IPCP and, when enabled, IPv6CP, started when LCP
 * opens and stopped when it leaves Opened. Reports the network up once IPCP is Opened and IPv6CP is
 * Opened or has failed (fortivpn-protocol.md §6: a rejected IPv6CP leaves IPv4 running). Called by
 * {@link PppEndpoint} under its lock; the open flags are volatile for the data path.
 */
final class NetworkPhase {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkPhase.class);

    interface Events {
        void networkUp(NetworkParameters parameters);

        /** IPCP finished without opening: the link has no network protocol left. */
        void ipv4Failed(String detail);
    }

    private final String label;
    private final LcpPolicy lcpPolicy;
    private final IpcpPolicy ipcpPolicy;
    private final Ipv6cpPolicy ipv6cpPolicy;
    private final ControlProtocol ipcp;
    private final ControlProtocol ipv6cp;
    private final Events events;

    private volatile boolean ipv4Open;
    private volatile boolean ipv6Open;
    private boolean lcpOpen;
    private boolean stopped;
    private boolean ipv6Failed;
    private NetworkParameters parameters;

    NetworkPhase(PppSettings settings, RandomGenerator random, ControlProtocol.Output wire, LcpPolicy lcpPolicy,
            String label, Events events) {
        this.label = label;
        this.lcpPolicy = lcpPolicy;
        this.events = events;
        this.ipcpPolicy = settings.role() == PppRole.SERVER
                ? new IpcpServerPolicy(settings)
                : new IpcpClientPolicy(settings);
        this.ipcp = new ControlProtocol(PppProtocol.IPCP, ipcpPolicy, new IpcpLayer(), wire, lcpPolicy::peerMru,
                settings);
        if (settings.ipv6()) {
            this.ipv6cpPolicy = new Ipv6cpPolicy(settings, random);
            this.ipv6cp = new ControlProtocol(PppProtocol.IPV6CP, ipv6cpPolicy, new Ipv6cpLayer(), wire,
                    lcpPolicy::peerMru, settings);
        } else {
            this.ipv6cpPolicy = null;
            this.ipv6cp = null;
        }
    }

    ControlProtocol ipcp() {
        return ipcp;
    }

    /** Null when IPv6 is off: IPv6CP packets then get a Protocol-Reject. */
    ControlProtocol ipv6cp() {
        return ipv6cp;
    }

    boolean ipv4Open() {
        return ipv4Open;
    }

    boolean ipv6Open() {
        return ipv6Open;
    }

    NetworkParameters parameters() {
        return parameters;
    }

    /** LCP reached Opened (its tlu): the NCPs get Open and Up. */
    void lcpUp(long nowNanos) {
        lcpOpen = true;
        ipv6Failed = false;
        ipcp.open(nowNanos);
        ipcp.up(nowNanos);
        if (ipv6cp != null) {
            ipv6cp.open(nowNanos);
            ipv6cp.up(nowNanos);
        }
    }

    /** LCP left Opened (its tld): the NCPs get Down. */
    void lcpDown(long nowNanos) {
        lcpOpen = false;
        ipv4Open = false;
        ipv6Open = false;
        ipcp.down(nowNanos);
        if (ipv6cp != null) {
            ipv6cp.down(nowNanos);
        }
    }

    void tick(long nowNanos) {
        ipcp.tick(nowNanos);
        if (ipv6cp != null) {
            ipv6cp.tick(nowNanos);
        }
    }

    /** The link is down: no more packets flow, nothing more is reported. */
    void stop() {
        stopped = true;
        ipv4Open = false;
        ipv6Open = false;
    }

    String describe() {
        return ipcp + ", " + (ipv6cp != null ? ipv6cp.toString() : "IPv6CP off");
    }

    private void checkUp() {
        if (parameters != null || stopped || !ipv4Open || (ipv6cp != null && !ipv6Open && !ipv6Failed)) {
            return;
        }
        boolean ipv6 = ipv6Open;
        parameters = new NetworkParameters(ipcpPolicy.localAddress(), ipcpPolicy.peerAddress(),
                ipcpPolicy.dnsServers(), lcpPolicy.peerMru(), ipv6, ipv6 ? ipv6cpPolicy.localId() : 0,
                ipv6 ? ipv6cpPolicy.peerId() : 0);
        events.networkUp(parameters);
    }

    private boolean active() {
        return lcpOpen && !stopped;
    }

    private final class IpcpLayer implements ControlProtocol.Layer {
        @Override
        public void up() {
            ipv4Open = true;
            LOG.info("{}: IPCP opened (local {}, peer {}, DNS {})", label, ipcpPolicy.localAddress(),
                    ipcpPolicy.peerAddress(), ipcpPolicy.dnsServers());
            checkUp();
        }

        @Override
        public void down() {
            ipv4Open = false;
        }

        @Override
        public void started() {}

        /** IPv4 failed; networkUp needs IPCP, so the link has nothing left (fortivpn-protocol.md §6). */
        @Override
        public void finished() {
            if (active()) {
                events.ipv4Failed("IPCP: " + ipcp.failure());
            }
        }
    }

    private final class Ipv6cpLayer implements ControlProtocol.Layer {
        @Override
        public void up() {
            ipv6Open = true;
            LOG.info("{}: IPv6CP opened (local id {}, peer id {})", label,
                    Long.toHexString(ipv6cpPolicy.localId()), Long.toHexString(ipv6cpPolicy.peerId()));
            checkUp();
        }

        @Override
        public void down() {
            ipv6Open = false;
        }

        @Override
        public void started() {}

        /** IPv6 is off for this link; IPv4 carries on (fortivpn-protocol.md §6). */
        @Override
        public void finished() {
            if (active()) {
                ipv6Failed = true;
                LOG.info("{}: IPv6CP failed ({}); IPv4 continues", label, ipv6cp.failure());
                checkUp();
            }
        }
    }
}
