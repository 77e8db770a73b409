package dev.quetzal.emulator;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.emulator.config.ZoneRecord;
import dev.quetzal.emulator.network.DnsZoneServer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Test hooks: misbehaviours switched on and off while the emulator runs. Thread-safe; every setting
 * takes effect at once (for tunnels already up too).
 */
public final class EmulatorHooks {
    /** What the running emulator does for the action hooks. */
    interface Actions {
        void cutTunnelsNow();

        boolean expireSession(String cookie);

        int expireAllSessions();

        void terminateTunnels(String reason);

        void sendMalformedFrame();

        int pingClient(IpAddress client, int count);

        long generateToClients(int ipPacketSize, long count);

        /** The corporate network's DNS zone; IllegalStateException if it has none. */
        DnsZoneServer dnsZone();

        /** Whether the corporate network has a DNS zone of its own. */
        boolean hasDnsZone();
    }

    private final Actions actions;
    private volatile long cutAfterBytes;
    private volatile Duration cutAfter;
    private volatile boolean answerEchoes = true;
    private volatile boolean refuseTunnel;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile boolean malformedXml;
    private volatile boolean sendAddressControl;

    EmulatorHooks(Actions actions) {
        this.actions = actions;
    }

    /**
     * Each tunnel connection is reset (TCP, no close_notify) once the bytes it sent and received since
     * the tunnel request reach {@code bytes}; 0 turns this off.
     */
    public void cutTunnelsAfterBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("expected bytes >= 0, got " + bytes);
        }
        this.cutAfterBytes = bytes;
    }

    /** Each tunnel connection is reset once it is {@code age} old; null turns this off. */
    public void cutTunnelsAfter(Duration age) {
        this.cutAfter = age;
    }

    /** Resets every tunnel connection now (TCP, no PPP or TLS goodbye). */
    public void cutTunnelsNow() {
        actions.cutTunnelsNow();
    }

    /** False makes the server ignore LCP Echo-Requests (the client's dead-peer detection fires). */
    public void answerEchoes(boolean value) {
        this.answerEchoes = value;
    }

    /** True answers tunnel requests with 403. */
    public void refuseTunnel(boolean value) {
        this.refuseTunnel = value;
    }

    /** Every HTTP response waits this long before it is written. */
    public void responseDelay(Duration delay) {
        this.responseDelay = Objects.requireNonNull(delay, "delay");
    }

    /** Ends the session of {@code cookie} as if its lifetime were over; false if there is none. */
    public boolean expireSession(String cookie) {
        return actions.expireSession(cookie);
    }

    /** Ends every session as if its lifetime were over; returns how many. */
    public int expireAllSessions() {
        return actions.expireAllSessions();
    }

    /** Every tunnel gets an LCP Terminate-Request with {@code reason} (the session stays). */
    public void terminateTunnels(String reason) {
        actions.terminateTunnels(Objects.requireNonNull(reason, "reason"));
    }

    /** True serves a truncated {@code <sslvpn-tunnel} XML config. */
    public void malformedXml(boolean value) {
        this.malformedXml = value;
    }

    /** Writes a frame with a bad magic to every tunnel; a correct client closes the connection. */
    public void sendMalformedFrame() {
        actions.sendMalformedFrame();
    }

    /** True prefixes the server's PPP frames with {@code ff 03} (OpenConnect accepts both). */
    public void sendAddressControl(boolean value) {
        this.sendAddressControl = value;
    }

    /**
     * Sends {@code count} ICMP echo requests from the gateway to {@code client} through its tunnel,
     * one at a time, each waiting up to 2 s for its reply; returns the replies received.
     */
    public int pingClient(IpAddress client, int count) {
        return actions.pingClient(Objects.requireNonNull(client, "client"), count);
    }

    /**
     * Sends {@code count} UDP/IPv4 packets of {@code ipPacketSize} bytes from a corporate address to
     * every tunnel client whose IPCP is open, as fast as their queues take them; returns the packets
     * queued in total. For benchmarks.
     */
    public long generateToClients(int ipPacketSize, long count) {
        return actions.generateToClients(ipPacketSize, count);
    }

    /**
     * Replaces every record of the in-process network's DNS zone at once, for tunnels already up too:
     * the next query sees the new records with their TTLs (RFC 1035 §4.1.3). Records that do not fit
     * the zone are an IllegalArgumentException and the zone stays as it was; a network without its own
     * zone (tun mode) is an IllegalStateException.
     */
    public void setZoneRecords(List<ZoneRecord> records) {
        actions.dnsZone().replaceRecords(Objects.requireNonNull(records, "records"));
    }

    /** The in-process DNS zone's records as they are now. */
    public List<ZoneRecord> zoneRecords() {
        return actions.dnsZone().zone().records();
    }

    /** Every setting back to normal behaviour, the DNS zone's records included. */
    public void reset() {
        cutAfterBytes = 0;
        cutAfter = null;
        answerEchoes = true;
        refuseTunnel = false;
        responseDelay = Duration.ZERO;
        malformedXml = false;
        sendAddressControl = false;
        if (actions.hasDnsZone()) {
            actions.dnsZone().reset();
        }
    }

    public long cutAfterBytes() {
        return cutAfterBytes;
    }

    public Duration cutAfter() {
        return cutAfter;
    }

    public boolean answerEchoes() {
        return answerEchoes;
    }

    public boolean refuseTunnel() {
        return refuseTunnel;
    }

    public Duration responseDelay() {
        return responseDelay;
    }

    public boolean malformedXml() {
        return malformedXml;
    }

    public boolean sendAddressControl() {
        return sendAddressControl;
    }
}
