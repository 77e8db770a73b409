package dev.quetzal.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of everything the emulator did, for test assertions and benchmark reports. Reads are
 * cheap and lock-free; the {@code count...} methods are the emulator's own and are called on its data
 * path.
 */
public final class EmulatorStats {
    private final LongAdder loginsSucceeded = new LongAdder();
    private final LongAdder loginsFailed = new LongAdder();
    private final LongAdder tunnelsOpened = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder tunnelsRefused = new LongAdder();
    private final LongAdder logouts = new LongAdder();
    private final LongAdder packetsFromClients = new LongAdder();
    private final LongAdder bytesFromClients = new LongAdder();
    private final LongAdder packetsToClients = new LongAdder();
    private final LongAdder bytesToClients = new LongAdder();
    private final LongAdder malformedFrames = new LongAdder();
    private final LongAdder ipv6Dropped = new LongAdder();
    private final LongAdder sinkPackets = new LongAdder();
    private final LongAdder sinkBytes = new LongAdder();
    private final LongAdder queueDrops = new LongAdder();
    private final LongAdder unroutable = new LongAdder();
    private final LongAdder malformedRequests = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();

    public long loginsSucceeded() {
        return loginsSucceeded.sum();
    }

    public long loginsFailed() {
        return loginsFailed.sum();
    }

    /** Tunnel connections switched to PPP, reconnects included. */
    public long tunnelsOpened() {
        return tunnelsOpened.sum();
    }

    /** Tunnel connections opened with a cookie that had opened one before. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Tunnel requests answered with 403. */
    public long tunnelsRefused() {
        return tunnelsRefused.sum();
    }

    /** Sessions ended by {@code GET /remote/logout}. */
    public long logouts() {
        return logouts.sum();
    }

    /** IPv4 and IPv6 packets received from tunnel clients (sink and dropped packets included). */
    public long packetsFromClients() {
        return packetsFromClients.sum();
    }

    public long bytesFromClients() {
        return bytesFromClients.sum();
    }

    /** IP packets queued to tunnel clients. */
    public long packetsToClients() {
        return packetsToClients.sum();
    }

    public long bytesToClients() {
        return bytesToClients.sum();
    }

    /** Fortinet frames with a bad header (the connection was closed), plus malformed PPP control packets. */
    public long malformedFrames() {
        return malformedFrames.sum();
    }

    /** IPv6 packets from clients whose IPv6CP is not open (fortivpn-protocol.md §11 quirk 9). */
    public long ipv6Dropped() {
        return ipv6Dropped.sum();
    }

    /** Packets to the sink address, counted and discarded. */
    public long sinkPackets() {
        return sinkPackets.sum();
    }

    public long sinkBytes() {
        return sinkBytes.sum();
    }

    /** Packets for clients dropped because the tunnel's send queue was full. */
    public long queueDrops() {
        return queueDrops.sum();
    }

    /** Packets from the corporate network for an address without an open tunnel, dropped. */
    public long unroutablePackets() {
        return unroutable.sum();
    }

    /** HTTP requests answered with 400, 413 or 431. */
    public long malformedRequests() {
        return malformedRequests.sum();
    }

    /** Requests per endpoint ({@code /remote/logincheck}, ...; {@code /<realm>}; {@code other}). */
    public Map<String, Long> requestsByPath() {
        Map<String, Long> copy = new TreeMap<>();
        requestsByPath.forEach((path, count) -> copy.put(path, count.sum()));
        return copy;
    }

    public long requests(String path) {
        LongAdder count = requestsByPath.get(path);
        return count == null ? 0 : count.sum();
    }

    public void countLogin(boolean succeeded) {
        (succeeded ? loginsSucceeded : loginsFailed).increment();
    }

    public void countTunnelOpened(boolean reconnect) {
        tunnelsOpened.increment();
        if (reconnect) {
            reconnects.increment();
        }
    }

    public void countTunnelRefused() {
        tunnelsRefused.increment();
    }

    public void countLogout() {
        logouts.increment();
    }

    public void countFromClient(int bytes) {
        packetsFromClients.increment();
        bytesFromClients.add(bytes);
    }

    public void countToClient(int bytes) {
        packetsToClients.increment();
        bytesToClients.add(bytes);
    }

    public void countMalformedFrame() {
        malformedFrames.increment();
    }

    public void countMalformedFrames(long n) {
        malformedFrames.add(n);
    }

    public void countIpv6Dropped() {
        ipv6Dropped.increment();
    }

    public void countSink(int bytes) {
        sinkPackets.increment();
        sinkBytes.add(bytes);
    }

    public void countQueueDrop() {
        queueDrops.increment();
    }

    public void countUnroutable() {
        unroutable.increment();
    }

    public void countMalformedRequest() {
        malformedRequests.increment();
    }

    public void countRequest(String path) {
        requestsByPath.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    @Override
    public String toString() {
        return "EmulatorStats[logins " + loginsSucceeded() + " ok / " + loginsFailed() + " failed, tunnels "
                + tunnelsOpened() + " (" + reconnects() + " reconnects), packets from/to clients "
                + packetsFromClients() + "/" + packetsToClients() + ", malformed frames " + malformedFrames() + "]";
    }
}
