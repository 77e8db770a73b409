package dev.quetzal.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error messages: the operation, the C library's strerror(3) text for errno, and the hint. */
final class ErrnoExceptionTest {
    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "strerror(3) through FFM is tested on Linux");
    }

    @Test
    void permissionErrorSaysWhichCapabilityIsMissing() {
        ErrnoException e = ErrnoException.of("cannot open /dev/net/tun", LinuxAbi.EPERM, "needs CAP_NET_ADMIN");
        assertEquals("cannot open /dev/net/tun: Operation not permitted (needs CAP_NET_ADMIN)", e.getMessage());
        assertEquals(1, e.errno());
    }

    @Test
    void emptyHintAddsNothing() {
        assertEquals("cannot read: Invalid argument", ErrnoException.of("cannot read", LinuxAbi.EINVAL, "").getMessage());
    }

    @Test
    void unknownNumbersStillGiveText() {
        assertEquals("x: Unknown error 9999", ErrnoException.of("x", 9999, "").getMessage());
    }
}
