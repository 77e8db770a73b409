package dev.quetzal.plugin.nat64.xlat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The complete ICMP type/code and pointer tables of RFC 7915 §4.2 and §5.2 (Tayga's matrix as a checklist). */
final class IcmpTypesTest {
    private static String t(int mapped) {
        return mapped < 0 ? "drop" : (mapped >>> 8) + "/" + (mapped & 0xFF);
    }

    @Test
    @DisplayName("RFC 7915 §4.2: every ICMPv4 type and code to ICMPv6")
    void icmp4ToIcmp6() {
        StringBuilder actual = new StringBuilder();
        for (int type = 0; type < 256; type++) {
            for (int code = 0; code < 16; code++) {
                String m = t(IcmpTypes.toIcmp6(type, code));
                if (!m.equals("drop")) {
                    actual.append(type).append('/').append(code).append("->").append(m).append(' ');
                }
            }
        }
        assertEquals("0/0->129/0 "
                + "3/0->1/0 3/1->1/0 3/2->4/1 3/3->1/4 3/4->2/0 3/5->1/0 3/6->1/0 3/7->1/0 3/8->1/0 3/9->1/1 3/10->1/1 "
                + "3/11->1/0 3/12->1/0 3/13->1/1 3/15->1/1 "
                + "8/0->128/0 11/0->3/0 11/1->3/1 12/0->4/0 12/2->4/0 ", actual.toString(),
                "echo, destination unreachable (14 host precedence dropped), time exceeded, parameter problem; "
                        + "information, timestamp, address mask, router, redirect, source quench dropped");
    }

    @Test
    @DisplayName("RFC 7915 §5.2: every ICMPv6 type and code to ICMPv4")
    void icmp6ToIcmp4() {
        StringBuilder actual = new StringBuilder();
        for (int type = 0; type < 256; type++) {
            for (int code = 0; code < 16; code++) {
                String m = t(IcmpTypes.toIcmp4(type, code));
                if (!m.equals("drop")) {
                    actual.append(type).append('/').append(code).append("->").append(m).append(' ');
                }
            }
        }
        assertEquals("1/0->3/1 1/1->3/10 1/2->3/1 1/3->3/1 1/4->3/3 2/0->3/4 3/0->11/0 3/1->11/1 4/0->12/0 4/1->3/2 "
                + "128/0->8/0 129/0->0/0 ", actual.toString(),
                "MLD, neighbor discovery and unknown informational messages dropped");
    }

    @Test
    @DisplayName("RFC 7915 §4.2 Figure 3 and §5.2 Figure 6: pointer tables")
    void pointers() {
        int[] fourToSix = {0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1, 8, 8, 8, 8, 24, 24, 24, 24, -1};
        for (int p = 0; p < fourToSix.length; p++) {
            assertEquals(fourToSix[p], IcmpTypes.pointer4to6(p), "IPv4 pointer " + p);
        }
        int[] sixToFour = {0, 1, -1, -1, 2, 2, 9, 8};
        for (int p = 0; p < 40; p++) {
            int expected = p < 8 ? sixToFour[p] : p < 24 ? 12 : 16;
            assertEquals(expected, IcmpTypes.pointer6to4(p), "IPv6 pointer " + p);
        }
        assertEquals(-1, IcmpTypes.pointer6to4(40));
    }

    @Test
    @DisplayName("RFC 7915 §4.2 and RFC 1191 §7.1: PTB MTU arithmetic, plateaus when the MTU is 0, never below 1280")
    void mtuArithmetic() {
        assertEquals(1420, IcmpTypes.packetTooBigMtu(1400, 1500, Integer.MAX_VALUE));
        assertEquals(1280, IcmpTypes.packetTooBigMtu(576, 1500, Integer.MAX_VALUE));
        assertEquals(1300, IcmpTypes.packetTooBigMtu(1400, 1500, 1300), "the IPv6 next hop's MTU caps it");
        assertEquals(1512, IcmpTypes.packetTooBigMtu(0, 1500, Integer.MAX_VALUE), "plateau 1492");
        assertEquals(2022, IcmpTypes.packetTooBigMtu(0, 4000, Integer.MAX_VALUE), "plateau 2002");
        assertEquals(1280, IcmpTypes.packetTooBigMtu(0, 1000, Integer.MAX_VALUE), "plateau 508, raised to 1280");
        assertEquals(1380, IcmpTypes.fragmentationNeededMtu(1400));
        assertEquals(0xFFFF, IcmpTypes.fragmentationNeededMtu(100_000));
    }
}
