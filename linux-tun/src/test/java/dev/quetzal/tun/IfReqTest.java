package dev.quetzal.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** struct ifreq (linux/if.h) and the kernel's interface name rules (net/core/dev.c, dev_valid_name). */
final class IfReqTest {
    @Test
    @DisplayName("ifreq is 40 bytes on 64-bit Linux with ifr_flags right after the 16-byte name")
    void layoutMatchesTheKernelStruct() {
        assertEquals(40, IfReq.LAYOUT.byteSize());
        assertEquals(16, IfReq.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("ifr_ifru"),
                MemoryLayout.PathElement.groupElement("ifr_flags")));
    }

    @Test
    void writesNulTerminatedNameAndFlags() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(IfReq.LAYOUT);
            ifreq.fill((byte) 0x55);
            IfReq.write(ifreq, "qz%d", (short) (IfReq.IFF_TUN | IfReq.IFF_NO_PI));
            assertEquals("qz%d", IfReq.name(ifreq));
            assertEquals(0, ifreq.get(ValueLayout.JAVA_BYTE, 4));
            assertEquals((short) 0x1001, IfReq.flags(ifreq));
            assertEquals((byte) 0x01, ifreq.get(ValueLayout.JAVA_BYTE, 16), "little or big endian, the short is at 16");
        }
    }

    @Test
    void readsAFullFifteenCharacterName() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(IfReq.LAYOUT);
            IfReq.write(ifreq, "abcdefghijklmno", (short) 0);
            assertEquals("abcdefghijklmno", IfReq.name(ifreq));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tun0", "qz%d", "a", "abcdefghijklmno", "corp-net.1_x"})
    void acceptsNamesTheKernelAccepts(String name) {
        assertEquals(name, IfReq.checkName(name));
    }

    @Test
    void refusesEmptyAndLongNames() {
        assertEquals("TUN device name must have 1 to 15 characters: \"\"",
                assertThrows(IllegalArgumentException.class, () -> IfReq.checkName("")).getMessage());
        assertEquals("TUN device name must have 1 to 15 characters: \"abcdefghijklmnop\"",
                assertThrows(IllegalArgumentException.class, () -> IfReq.checkName("abcdefghijklmnop")).getMessage());
        assertEquals("TUN device name must have 1 to 15 characters: null",
                assertThrows(IllegalArgumentException.class, () -> IfReq.checkName(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a:b", "a b", "tab\t", "caf\u00e9", "nul\u0000"})
    void refusesCharactersTheKernelRefuses(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IfReq.checkName(name));
        assertEquals(true, e.getMessage().contains("has a character the kernel refuses at index"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void refusesDotNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> IfReq.checkName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qz%", "qz%s", "q%d%d", "%x%d"})
    void refusesPercentOtherThanOneNumberTemplate(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IfReq.checkName(name));
        assertEquals("TUN device name \"" + name + "\" may hold one '%' only, as the \"%d\" the kernel numbers",
                e.getMessage());
    }
}
