package dev.quetzal.plugin.nat64;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.packet.PacketBuffer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Data path" for the translator (RFC 7915 §4, §5): after warm-up, 200,000 UDP packets
 * each way through the filter in one pooled buffer allocate next to nothing on the calling thread
 * (counted with ThreadMXBean, bytes not time).
 */
final class Nat64AllocationTest {
    private static final int PACKETS = 200_000;
    private static final long BUDGET_BYTES = 64 * 1024;

    @Test
    @DisplayName("RFC 7915 translation allocates less than 64 KiB for 200,000 packets each way")
    void steadyStateTranslationDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TestFilterContext context = new TestFilterContext();
        Nat64Filter filter = (Nat64Filter) new Nat64Factory().create(new Nat64Config(null), context);
        TestFilterContext.Session alice = TestFilterContext.Session.of("alice", Nat64FilterTest.CLIENT4, Nat64FilterTest.CLIENT6);
        byte[] out = Packets.fixTransport(Packets.ipv6(Nat64FilterTest.CLIENT6, Nat64FilterTest.SERVER6, 17, 64,
                Packets.udp(40000, 443, 1400 - 48)), 40, 17);
        byte[] in = Nat64FilterTest.udp4(Nat64FilterTest.SERVER4, Nat64FilterTest.CLIENT4, 443, 0x4000, 1400 - 28);
        PacketBuffer buffer = PacketBuffer.allocate(128, 2048);

        run(filter, alice, buffer, out, in, PACKETS);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(filter, alice, buffer, out, in, PACKETS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BUDGET_BYTES, "allocated " + allocated + " bytes for " + PACKETS + " packets each way");
    }

    private static void run(Nat64Filter filter, TestFilterContext.Session client, PacketBuffer buffer, byte[] out,
            byte[] in, int count) {
        for (int i = 0; i < count; i++) {
            buffer.clear(128);
            buffer.append(out, 0, out.length);
            assertSame(Verdict.PASS, filter.outbound(buffer, client));
            buffer.clear(128);
            buffer.append(in, 0, in.length);
            assertSame(Verdict.PASS, filter.inbound(buffer));
        }
    }
}
