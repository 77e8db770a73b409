package dev.quetzal.tun;

import java.io.IOException;

/**
 * A system call on a TUN device failed; the message names the operation, the C library's text for
 * {@link #errno()} and, where one is known, what to do about it, e.g. {@code cannot open
 * /dev/net/tun: Operation not permitted (needs CAP_NET_ADMIN)}.
 */
public final class ErrnoException extends IOException {
    private final int errno;

    private ErrnoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The Linux error number, as in errno.h. */
    public int errno() {
        return errno;
    }

    /** {@code what: strerror(errno)}, then {@code (hint)} unless the hint is empty. */
    static ErrnoException of(String what, int errno, String hint) {
        String text = what + ": " + Libc.strerror(errno);
        return new ErrnoException(hint.isEmpty() ? text : text + " (" + hint + ")", errno);
    }
}
