package dev.quetzal.tun;

/**
 * The Linux numbers this module passes to the kernel, per CPU architecture. Only the 64-bit
 * architectures the JDK's native linker supports are listed; they share the asm-generic open(2)
 * flags and errno values, and differ only in how ioctl numbers encode the transfer direction.
 *
 * @param arch the {@code os.arch} this describes
 * @param tunSetIff {@code TUNSETIFF}, {@code _IOW('T', 202, int)} from linux/if_tun.h
 * @param oNonBlock {@code O_NONBLOCK}, also {@code EFD_NONBLOCK}
 * @param oCloexec {@code O_CLOEXEC}, also {@code EFD_CLOEXEC}
 */
record LinuxAbi(String arch, long tunSetIff, int oNonBlock, int oCloexec) {
    static final int O_RDWR = 2;

    // asm-generic/errno-base.h and errno.h
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EBADFD = 77;

    /** asm-generic/ioctl.h: direction bits 30-31, write = 1. */
    private static final long GENERIC_TUNSETIFF = 0x400454caL;
    /** arch/powerpc/include/uapi/asm/ioctl.h: direction bits 29-31, write = 4. */
    private static final long POWERPC_TUNSETIFF = 0x800454caL;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;

    /** The running platform's numbers; UnsupportedOperationException elsewhere than Linux on a listed CPU. */
    static LinuxAbi current() {
        return of(System.getProperty("os.name", "?"), System.getProperty("os.arch", "?"));
    }

    static LinuxAbi of(String osName, String osArch) {
        if (!osName.startsWith("Linux")) {
            throw new UnsupportedOperationException("TUN devices need Linux (/dev/net/tun); this is " + osName);
        }
        return switch (osArch) {
            case "amd64", "x86_64", "aarch64", "riscv64", "s390x" ->
                    new LinuxAbi(osArch, GENERIC_TUNSETIFF, O_NONBLOCK, O_CLOEXEC);
            case "ppc64le", "ppc64" -> new LinuxAbi(osArch, POWERPC_TUNSETIFF, O_NONBLOCK, O_CLOEXEC);
            default -> throw new UnsupportedOperationException("TUN devices are not supported on Linux/" + osArch
                    + " (only amd64, aarch64, riscv64, ppc64le and s390x)");
        };
    }
}
