package dev.quetzal.tun;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls a TUN device needs, as FFM downcalls. Each call that can fail takes a
 * call-state segment (layout {@link #CALL_STATE}) where the linker saves errno before any other
 * native code can overwrite it. None is a critical downcall: a thread blocked in the kernel is in
 * native state, so it never holds up the garbage collector, and no Java array is ever pinned.
 */
@SuppressWarnings("restricted") // native access is this class's job
final class Libc {
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

    /** struct pollfd from poll.h. */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    /** The device's descriptor, then the eventfd that close() signals. */
    static final SequenceLayout POLLFDS = MemoryLayout.sequenceLayout(2, POLLFD);
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final long POLLFD_FD = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("fd"));
    private static final long POLLFD_EVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("events"));
    private static final long POLLFD_REVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("revents"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option SAVE_ERRNO = Linker.Option.captureCallState("errno");

    // open(2) and ioctl(2) are variadic in C: the linker must pass their third argument as such.
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), SAVE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), SAVE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), SAVE_ERRNO);
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), SAVE_ERRNO);
    private static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), SAVE_ERRNO);
    private static final MethodHandle EVENTFD = downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), SAVE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), SAVE_ERRNO);
    private static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** The errno the last call made with {@code callState} saved. */
    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    static int open(MemorySegment callState, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, path, flags, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int ioctl(MemorySegment callState, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long read(MemorySegment callState, int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long write(MemorySegment callState, int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** poll(2) on a {@link #POLLFDS} segment, without timeout. */
    static int poll(MemorySegment callState, MemorySegment pollFds) {
        try {
            return (int) POLL.invokeExact(callState, pollFds, POLLFDS.elementCount(), -1);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int eventfd(MemorySegment callState, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState, 0, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment callState, int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The C library's text for an error number, or "errno N" when it has none. */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "errno " + errno : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void setPollFd(MemorySegment pollFds, int index, int fd, short events) {
        long base = index * POLLFD.byteSize();
        pollFds.set(JAVA_INT, base + POLLFD_FD, fd);
        pollFds.set(JAVA_SHORT, base + POLLFD_EVENTS, events);
        pollFds.set(JAVA_SHORT, base + POLLFD_REVENTS, (short) 0);
    }

    static short revents(MemorySegment pollFds, int index) {
        return pollFds.get(JAVA_SHORT, index * POLLFD.byteSize() + POLLFD_REVENTS);
    }

    /** A downcall throws only on a bug in this module (a closed arena, a wrong segment). */
    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(t);
    }
}
