package dev.quetzal.runtime.napt;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.runtime.config.NaptSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import dev.quetzal.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A translator on a manual clock with the uplink at {@link #UPLINK4} and {@link #UPLINK6}, for NAPT tests. */
final class NaptFixture {
    static final String UPLINK4 = "198.18.0.7";
    static final String UPLINK6 = "2001:db8:ff::7";
    static final String CLIENT_A4 = "100.64.0.2";
    static final String CLIENT_B4 = "100.64.0.3";
    static final String CLIENT_A6 = "2001:db8:1::2";
    static final String CLIENT_B6 = "2001:db8:1::3";
    static final String SERVER4 = "198.19.0.10";
    static final String SERVER6 = "2001:db8:2::10";

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final MetricsRegistry metrics = new MetricsRegistry();
    final NaptTranslator napt;

    NaptFixture() {
        this(settings("1024-65535", 65536, 4096));
    }

    NaptFixture(NaptSettings settings) {
        napt = new NaptTranslator(settings, clock, metrics.forComponent("napt"));
        napt.setUplinkAddresses(List.of(IpAddress.parse(UPLINK4), IpAddress.parse(UPLINK6)));
    }

    static NaptSettings settings(String range, int maxMappings, int maxPerClient) {
        return new NaptSettings(true, range, maxMappings, maxPerClient, Duration.ofMinutes(5),
                Duration.ofMinutes(124), Duration.ofMinutes(4), Duration.ofSeconds(60));
    }

    /** Translates {@code bytes} outbound; the result, or null when it was dropped. */
    PacketBuffer out(byte[] bytes) {
        PacketBuffer packet = NaptPackets.buffer(bytes);
        return napt.outbound(packet) ? packet : null;
    }

    /** Translates {@code bytes} inbound; the result, or null when it was dropped. */
    PacketBuffer in(byte[] bytes) {
        PacketBuffer packet = NaptPackets.buffer(bytes);
        return napt.inbound(packet) ? packet : null;
    }

    long drops(String reason) {
        Long count = napt.status(10).drops().get(reason);
        return count == null ? 0 : count;
    }

    int mappings(String kind) {
        return napt.status(10).mappings().get(kind);
    }

    /** Advances the clock and sweeps, as the runtime's periodic task would. */
    void advance(Duration duration) {
        clock.advance(duration);
        napt.sweep();
    }

    static String source(PacketBuffer packet) {
        return address(packet, packet.ipVersion() == 4 ? 12 : 8);
    }

    static String destination(PacketBuffer packet) {
        return address(packet, packet.ipVersion() == 4 ? 16 : 24);
    }

    static int l4(PacketBuffer packet) {
        return packet.ipVersion() == 4 ? 20 : 40;
    }

    private static String address(PacketBuffer packet, int at) {
        byte[] bytes = packet.toByteArray();
        byte[] address = java.util.Arrays.copyOfRange(bytes, at, at + (packet.ipVersion() == 4 ? 4 : 16));
        return IpAddress.of(address).toString();
    }
}
