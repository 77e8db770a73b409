package dev.quetzal.runtime.napt;

import static dev.quetzal.runtime.napt.NaptFixture.SERVER4;
import static dev.quetzal.runtime.napt.NaptFixture.UPLINK4;
import static dev.quetzal.runtime.napt.NaptPackets.UDP;
import static dev.quetzal.runtime.napt.NaptPackets.ip;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.packet.PacketBuffer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The data path's no-allocation rule for NAPT: translating packets of existing mappings out and
 * back allocates next to nothing on the calling thread (measured with {@link
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}; bytes, not time).
 */
@DisplayName("NAPT translation allocates nothing per packet (issue 7 item 1: no allocation on the data path)")
final class NaptAllocationTest {
    private static final int FLOWS = 1000;
    private static final int ROUNDS = 100;
    private static final long BUDGET_BYTES = 64 * 1024;

    @Test
    @DisplayName("100,000 UDP round trips over 1,000 live mappings allocate less than 64 KiB")
    void steadyStateTranslationDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        NaptFixture fixture = new NaptFixture();
        byte[] out = ip("100.64.0.2", SERVER4, UDP, NaptPackets.udp(1, 53, 1372));
        byte[] in = ip(SERVER4, UPLINK4, UDP, NaptPackets.udp(53, 1, 1372));
        PacketBuffer buffer = PacketBuffer.allocate(128, 2048);
        int[] external = new int[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            external[i] = translate(fixture, buffer, out, in, i, 0);
        }

        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < FLOWS; i++) {
                translate(fixture, buffer, out, in, i, external[i]);
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < FLOWS; i++) {
                translate(fixture, buffer, out, in, i, external[i]);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < BUDGET_BYTES, "allocated " + allocated + " bytes for " + FLOWS * ROUNDS + " round trips");
    }

    /** One flow out and, when its external port is known, its answer back; returns the external port. */
    private static int translate(NaptFixture fixture, PacketBuffer buffer, byte[] out, byte[] in, int flow,
            int external) {
        buffer.clear(128);
        buffer.append(out, 0, out.length);
        buffer.putShort(20, 20000 + flow);
        if (!fixture.napt.outbound(buffer)) {
            throw new AssertionError("flow " + flow + " was not translated");
        }
        int port = buffer.getUnsignedShort(20);
        if (external != 0) {
            buffer.clear(128);
            buffer.append(in, 0, in.length);
            buffer.putShort(22, external);
            if (!fixture.napt.inbound(buffer)) {
                throw new AssertionError("answer to flow " + flow + " was not translated");
            }
        }
        return port;
    }
}
