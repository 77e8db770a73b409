package dev.quetzal.emulator.config;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.net.Ipv4Address;
import java.time.Duration;
import java.util.List;

/**
 * What a tunnel client is told (XML config, fortivpn-protocol.md §3) and negotiates (PPP, §6).
 *
 * @param gateway the server's own PPP address, sent in its IPCP Configure-Request
 * @param addressPool client addresses, one per session (network and broadcast addresses skipped); /16 to /30
 * @param dnsServers IPv4 DNS servers (0-3), in the XML and Nak'ed in IPCP
 * @param dnsSuffix the search domain, or null for none
 * @param splitInclude routes through the tunnel; empty means a default route
 * @param splitExclude routes kept off the tunnel ({@code negate="1"})
 * @param ipv6 IPv6 settings; disabled by default
 * @param heartbeatInterval XML dtls-config heartbeat-interval, the client's dead-peer interval
 * @param idleTimeout XML idle-timeout
 * @param authTimeout XML auth-timeout
 * @param sessionLifetime sessions expire this long after login (their tunnel gets "session timeout")
 * @param tunConnectWithoutReauth a dropped tunnel may be reopened with the same cookie
 * @param serverMru the MRU the server requests in LCP; 0 requests none
 * @param sinkAddress client packets to this address are counted and discarded (benchmark target)
 */
public record TunnelSettings(
        Ipv4Address gateway,
        IpPrefix addressPool,
        List<Ipv4Address> dnsServers,
        String dnsSuffix,
        List<IpPrefix> splitInclude,
        List<IpPrefix> splitExclude,
        Ipv6Settings ipv6,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration authTimeout,
        Duration sessionLifetime,
        Boolean tunConnectWithoutReauth,
        Integer serverMru,
        Ipv4Address sinkAddress) {
    public static final Ipv4Address DEFAULT_GATEWAY = (Ipv4Address) IpAddress.parse("198.18.255.254");
    public static final IpPrefix DEFAULT_POOL = IpPrefix.parse("198.18.1.0/24");
    public static final Ipv4Address DEFAULT_DNS = (Ipv4Address) IpAddress.parse("198.18.0.53");
    public static final Ipv4Address DEFAULT_SINK = (Ipv4Address) IpAddress.parse("198.18.255.253");

    public TunnelSettings {
        gateway = gateway == null ? DEFAULT_GATEWAY : gateway;
        addressPool = addressPool == null ? DEFAULT_POOL : addressPool;
        if (addressPool.family() != IpFamily.IPV4 || addressPool.length() < 16 || addressPool.length() > 30) {
            throw new IllegalArgumentException("expected an IPv4 addressPool between /16 and /30, got " + addressPool);
        }
        dnsServers = dnsServers == null ? List.of(DEFAULT_DNS) : List.copyOf(dnsServers);
        if (dnsServers.size() > 3) {
            throw new IllegalArgumentException("expected at most 3 DNS servers, got " + dnsServers.size());
        }
        splitInclude = splitInclude == null ? List.of() : List.copyOf(splitInclude);
        splitExclude = splitExclude == null ? List.of() : List.copyOf(splitExclude);
        ipv6 = ipv6 == null ? Ipv6Settings.disabled() : ipv6;
        heartbeatInterval = positive(heartbeatInterval, Duration.ofSeconds(10), "heartbeatInterval");
        idleTimeout = positive(idleTimeout, Duration.ofHours(1), "idleTimeout");
        authTimeout = positive(authTimeout, Duration.ofHours(8), "authTimeout");
        sessionLifetime = positive(sessionLifetime, Duration.ofHours(8), "sessionLifetime");
        // Boxed so that a config file may leave them out: reconnect with the cookie allowed, no MRU.
        tunConnectWithoutReauth = tunConnectWithoutReauth == null || tunConnectWithoutReauth;
        serverMru = serverMru == null ? 0 : serverMru;
        if (serverMru != 0 && (serverMru < 576 || serverMru > 65529)) {
            throw new IllegalArgumentException("expected serverMru 0 or 576..65529, got " + serverMru);
        }
        sinkAddress = sinkAddress == null ? DEFAULT_SINK : sinkAddress;
    }

    public static TunnelSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.gateway = gateway;
        b.addressPool = addressPool;
        b.dnsServers = dnsServers;
        b.dnsSuffix = dnsSuffix;
        b.splitInclude = splitInclude;
        b.splitExclude = splitExclude;
        b.ipv6 = ipv6;
        b.heartbeatInterval = heartbeatInterval;
        b.idleTimeout = idleTimeout;
        b.authTimeout = authTimeout;
        b.sessionLifetime = sessionLifetime;
        b.tunConnectWithoutReauth = tunConnectWithoutReauth;
        b.serverMru = serverMru;
        b.sinkAddress = sinkAddress;
        return b;
    }

    /** Defaults as documented on {@link TunnelSettings}; DNS suffix corp.example, reconnect allowed. */
    public static final class Builder {
        private Ipv4Address gateway;
        private IpPrefix addressPool;
        private List<Ipv4Address> dnsServers;
        private String dnsSuffix = "corp.example";
        private List<IpPrefix> splitInclude;
        private List<IpPrefix> splitExclude;
        private Ipv6Settings ipv6;
        private Duration heartbeatInterval;
        private Duration idleTimeout;
        private Duration authTimeout;
        private Duration sessionLifetime;
        private boolean tunConnectWithoutReauth = true;
        private int serverMru;
        private Ipv4Address sinkAddress;

        private Builder() {}

        public Builder gateway(Ipv4Address value) { this.gateway = value; return this; }
        public Builder addressPool(IpPrefix value) { this.addressPool = value; return this; }
        public Builder dnsServers(List<Ipv4Address> value) { this.dnsServers = value; return this; }
        public Builder dnsSuffix(String value) { this.dnsSuffix = value; return this; }
        public Builder splitInclude(List<IpPrefix> value) { this.splitInclude = value; return this; }
        public Builder splitExclude(List<IpPrefix> value) { this.splitExclude = value; return this; }
        public Builder ipv6(Ipv6Settings value) { this.ipv6 = value; return this; }
        public Builder heartbeatInterval(Duration value) { this.heartbeatInterval = value; return this; }
        public Builder idleTimeout(Duration value) { this.idleTimeout = value; return this; }
        public Builder authTimeout(Duration value) { this.authTimeout = value; return this; }
        public Builder sessionLifetime(Duration value) { this.sessionLifetime = value; return this; }
        public Builder tunConnectWithoutReauth(boolean value) { this.tunConnectWithoutReauth = value; return this; }
        public Builder serverMru(int value) { this.serverMru = value; return this; }
        public Builder sinkAddress(Ipv4Address value) { this.sinkAddress = value; return this; }

        public TunnelSettings build() {
            return new TunnelSettings(gateway, addressPool, dnsServers, dnsSuffix, splitInclude, splitExclude, ipv6,
                    heartbeatInterval, idleTimeout, authTimeout, sessionLifetime, tunConnectWithoutReauth, serverMru,
                    sinkAddress);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("expected a positive " + name + ", got " + value);
        }
        return value;
    }
}
