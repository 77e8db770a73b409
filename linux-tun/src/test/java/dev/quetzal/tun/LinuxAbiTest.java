package dev.quetzal.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ABI numbers against the kernel headers' own formulas: linux/if_tun.h, asm-generic/ioctl.h, fcntl.h. */
final class LinuxAbiTest {
    /** _IOC(dir, type, nr, size) with the direction field starting at {@code dirShift}. */
    private static long ioc(long write, int dirShift, char type, int nr, int size) {
        return write << dirShift | (long) size << 16 | (long) type << 8 | nr;
    }

    @Test
    @DisplayName("TUNSETIFF is _IOW('T', 202, int): asm-generic encoding, and POWER's 3-bit direction field")
    void tunSetIffFollowsTheIoctlEncoding() {
        assertEquals(ioc(1, 30, 'T', 202, Integer.BYTES), LinuxAbi.of("Linux", "amd64").tunSetIff());
        assertEquals(ioc(1, 30, 'T', 202, Integer.BYTES), LinuxAbi.of("Linux", "aarch64").tunSetIff());
        assertEquals(ioc(4, 29, 'T', 202, Integer.BYTES), LinuxAbi.of("Linux", "ppc64le").tunSetIff());
    }

    @Test
    @DisplayName("O_NONBLOCK 04000 and O_CLOEXEC 02000000 (asm-generic/fcntl.h)")
    void openFlagsAreTheGenericOctalValues() {
        LinuxAbi abi = LinuxAbi.of("Linux", "riscv64");
        assertEquals(04000, abi.oNonBlock());
        assertEquals(02000000, abi.oCloexec());
    }

    @Test
    void otherSystemsGetAClearUnsupportedOperation() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LinuxAbi.of("Mac OS X", "aarch64"));
        assertEquals("TUN devices need Linux (/dev/net/tun); this is Mac OS X", e.getMessage());
    }

    @Test
    void unlistedArchitecturesAreRefusedByName() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LinuxAbi.of("Linux", "mips64el"));
        assertEquals("TUN devices are not supported on Linux/mips64el (only amd64, aarch64, riscv64, ppc64le and s390x)",
                e.getMessage());
    }
}
