package dev.quetzal.tun;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux TUN interface opened on {@code /dev/net/tun} with {@code IFF_TUN | IFF_NO_PI}: every
 * {@link #read} returns one IPv4 or IPv6 packet the kernel routed to the interface, every
 * {@link #write} hands one to the kernel as if received on it. The interface exists while this
 * device is open and starts down, without addresses; configure it with {@code ip}, which may also
 * move it into another network namespace without disturbing this descriptor.
 *
 * <p>Threads: one thread reads at a time (a second concurrent reader gets IllegalStateException);
 * any number write concurrently; {@link #close} from any thread wakes a blocked reader at once.
 * Packets pass through native buffers allocated at open, so no call allocates or pins a Java array.
 */
public final class TunDevice implements AutoCloseable {
    /** The largest packet a TUN interface carries: its MTU is at most 65535 (ETH_MAX_MTU). */
    public static final int MAX_PACKET = 65535;

    private static final Logger LOG = LoggerFactory.getLogger(TunDevice.class);
    private static final String TUN_PATH = "/dev/net/tun";
    /** Bounds close(): a reader or writer leaves at once when woken, so this is only a safety net. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final int MAX_WRITE_SLOTS = 8;

    /** One thread's native buffer, errno slot and poll set: [device, close eventfd]. */
    private record NativeIo(MemorySegment buffer, MemorySegment callState, MemorySegment pollFds) {
    }

    private final String name;
    private final int fd;
    private final int eventFd;
    private final Arena arena;
    private final CloseGate gate;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final NativeIo reader;
    /** Writers claim a slot with one compare-and-set; more slots than cores keeps that uncontended. */
    private final NativeIo[] writers;
    private final AtomicIntegerArray writerBusy;
    private final MemorySegment wakeState;
    private final AtomicLong oversized = new AtomicLong();

    private TunDevice(String name, int fd, int eventFd, Arena arena) {
        this.name = name;
        this.fd = fd;
        this.eventFd = eventFd;
        this.arena = arena;
        this.gate = new CloseGate(this::release);
        this.reader = nativeIo(arena, fd, eventFd, Libc.POLLIN);
        int slots = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, MAX_WRITE_SLOTS);
        this.writers = new NativeIo[slots];
        for (int i = 0; i < slots; i++) {
            writers[i] = nativeIo(arena, fd, eventFd, Libc.POLLOUT);
        }
        this.writerBusy = new AtomicIntegerArray(slots);
        this.wakeState = arena.allocate(Libc.CALL_STATE);
    }

    private static NativeIo nativeIo(Arena arena, int fd, int eventFd, short events) {
        MemorySegment pollFds = arena.allocate(Libc.POLLFDS);
        Libc.setPollFd(pollFds, 0, fd, events);
        Libc.setPollFd(pollFds, 1, eventFd, Libc.POLLIN);
        return new NativeIo(arena.allocate(MAX_PACKET), arena.allocate(Libc.CALL_STATE), pollFds);
    }

    /**
     * Creates (or attaches to a persistent) TUN interface. {@code name} may be a template such as
     * {@code "qz%d"}, which the kernel numbers; {@link #name()} gives the result.
     *
     * @throws UnsupportedOperationException elsewhere than Linux on a 64-bit CPU the JDK links to
     * @throws IllegalArgumentException if the kernel would refuse the name
     * @throws ErrnoException if open(2) or ioctl(TUNSETIFF) fails, e.g. without CAP_NET_ADMIN
     */
    public static TunDevice open(String name) throws IOException {
        LinuxAbi abi = LinuxAbi.current();
        IfReq.checkName(name);
        Arena arena = Arena.ofShared();
        MemorySegment callState = arena.allocate(Libc.CALL_STATE);
        int fd = -1;
        int eventFd = -1;
        boolean opened = false;
        try {
            fd = Libc.open(callState, arena.allocateFrom(TUN_PATH),
                    LinuxAbi.O_RDWR | abi.oNonBlock() | abi.oCloexec());
            if (fd < 0) {
                int errno = Libc.errno(callState);
                throw ErrnoException.of("cannot open " + TUN_PATH, errno, openHint(errno));
            }
            MemorySegment ifreq = arena.allocate(IfReq.LAYOUT);
            IfReq.write(ifreq, name, (short) (IfReq.IFF_TUN | IfReq.IFF_NO_PI));
            if (Libc.ioctl(callState, fd, abi.tunSetIff(), ifreq) < 0) {
                int errno = Libc.errno(callState);
                throw ErrnoException.of("cannot create TUN device " + name + " (ioctl TUNSETIFF on " + TUN_PATH + ")",
                        errno, attachHint(errno));
            }
            eventFd = Libc.eventfd(callState, abi.oNonBlock() | abi.oCloexec());
            if (eventFd < 0) {
                throw ErrnoException.of("cannot create an eventfd for TUN device " + name, Libc.errno(callState), "");
            }
            TunDevice device = new TunDevice(IfReq.name(ifreq), fd, eventFd, arena);
            opened = true;
            LOG.debug("opened TUN device {}", device.name);
            return device;
        } finally {
            if (!opened) {
                closeQuietly(callState, eventFd);
                closeQuietly(callState, fd);
                arena.close();
            }
        }
    }

    private static String openHint(int errno) {
        return switch (errno) {
            case LinuxAbi.EPERM, LinuxAbi.EACCES -> "needs CAP_NET_ADMIN";
            case LinuxAbi.ENOENT, LinuxAbi.ENODEV -> "no TUN support: load the tun kernel module";
            default -> "";
        };
    }

    private static String attachHint(int errno) {
        return switch (errno) {
            case LinuxAbi.EPERM, LinuxAbi.EACCES -> "needs CAP_NET_ADMIN";
            case LinuxAbi.EBUSY -> "another process has it open";
            case LinuxAbi.EINVAL -> "is there an interface of that name that is not a TUN device?";
            default -> "";
        };
    }

    private static String ioHint(int errno) {
        return errno == LinuxAbi.EBADFD ? "the interface was deleted, e.g. with its network namespace" : "";
    }

    /** The interface name the kernel gave, e.g. "qz0" for the template "qz%d". */
    public String name() {
        return name;
    }

    /** Until {@link #close} is called. */
    public boolean isOpen() {
        return !closing.get();
    }

    /** Packets dropped by {@link #read} because they were longer than the caller's {@code len}. */
    public long oversizedPackets() {
        return oversized.get();
    }

    /**
     * Waits for the next packet and copies it to {@code dst[off, off + n)}. A packet longer than
     * {@code len} is dropped and counted in {@link #oversizedPackets()}; the wait goes on.
     *
     * @return the packet's length, or -1 once the device is closed (also when closed during the wait)
     * @throws ErrnoException if the kernel refuses, e.g. EBADFD once the interface was deleted
     * @throws IllegalStateException if another thread is reading
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException("another thread is already reading TUN device " + name);
        }
        try {
            if (!gate.enter()) {
                return -1;
            }
            try {
                return readPacket(dst, off, len);
            } finally {
                gate.exit();
            }
        } finally {
            reading.set(false);
        }
    }

    private int readPacket(byte[] dst, int off, int len) throws IOException {
        while (!gate.isClosed()) {
            long n = Libc.read(reader.callState(), fd, reader.buffer(), MAX_PACKET);
            if (n > len) {
                oversized.incrementAndGet();
            } else if (n >= 0) {
                MemorySegment.copy(reader.buffer(), JAVA_BYTE, 0, dst, off, (int) n);
                return (int) n;
            } else {
                int errno = Libc.errno(reader.callState());
                if (errno == LinuxAbi.EAGAIN) {
                    if (!awaitReady(reader)) {
                        return -1;
                    }
                } else if (errno != LinuxAbi.EINTR) {
                    throw ErrnoException.of("cannot read from TUN device " + name, errno, ioHint(errno));
                }
            }
        }
        return -1;
    }

    /**
     * Hands {@code src[off, off + len)}, one IPv4 or IPv6 packet, to the kernel.
     *
     * @throws ClosedChannelException once the device is closed
     * @throws ErrnoException if the kernel refuses, e.g. EINVAL for a packet that is neither IPv4 nor IPv6
     * @throws IllegalArgumentException if {@code len} exceeds {@link #MAX_PACKET}
     */
    public void write(byte[] src, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, src.length);
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("a " + len + "-byte packet is longer than the " + MAX_PACKET
                    + " bytes a TUN interface carries");
        }
        if (!gate.enter()) {
            throw new DeviceClosedException(name);
        }
        int slot = claimWriter();
        try {
            NativeIo io = writers[slot];
            MemorySegment.copy(src, off, io.buffer(), JAVA_BYTE, 0, len);
            writePacket(io, len);
        } finally {
            writerBusy.set(slot, 0);
            gate.exit();
        }
    }

    private void writePacket(NativeIo io, int len) throws IOException {
        while (true) {
            long n = Libc.write(io.callState(), fd, io.buffer(), len);
            if (n == len) {
                return;
            }
            if (n >= 0) {
                throw new IOException("short write to TUN device " + name + ": " + n + " of " + len + " bytes");
            }
            int errno = Libc.errno(io.callState());
            if (errno == LinuxAbi.EAGAIN) {
                if (!awaitReady(io)) {
                    throw new DeviceClosedException(name);
                }
            } else if (errno == LinuxAbi.EINVAL) {
                throw ErrnoException.of("TUN device " + name + " refused a " + len + "-byte packet", errno,
                        "not an IPv4 or IPv6 packet");
            } else if (errno != LinuxAbi.EINTR) {
                throw ErrnoException.of("cannot write to TUN device " + name, errno, ioHint(errno));
            }
        }
    }

    private int claimWriter() {
        int slots = writers.length;
        int first = (int) (Thread.currentThread().threadId() % slots);
        while (true) {
            for (int i = 0; i < slots; i++) {
                int slot = (first + i) % slots;
                if (writerBusy.get(slot) == 0 && writerBusy.compareAndSet(slot, 0, 1)) {
                    return slot;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Polls the device and the close eventfd: true when the device is ready, false when closing. */
    private boolean awaitReady(NativeIo io) throws IOException {
        while (Libc.poll(io.callState(), io.pollFds()) < 0) {
            int errno = Libc.errno(io.callState());
            if (errno != LinuxAbi.EINTR) {
                throw ErrnoException.of("cannot wait for TUN device " + name, errno, "");
            }
        }
        return Libc.revents(io.pollFds(), 1) == 0;
    }

    /**
     * Deletes the interface (unless it was made persistent elsewhere): wakes a blocked reader or
     * writer, refuses new calls, and closes the descriptor once the calls inside have left.
     * Idempotent; never throws.
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            wake();
            gate.close();
        }
        if (!gate.awaitReleased(CLOSE_WAIT)) {
            LOG.warn("TUN device {}: a reader or writer is still inside after {}; closed when it leaves",
                    name, CLOSE_WAIT);
        }
    }

    /** Makes the eventfd readable for good, so every poll, current or future, returns. */
    private void wake() {
        MemorySegment one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        if (Libc.write(wakeState, eventFd, one, JAVA_LONG.byteSize()) < 0) {
            LOG.warn("TUN device {}: cannot signal its eventfd: {}", name, Libc.strerror(Libc.errno(wakeState)));
        }
    }

    private void release() {
        closeQuietly(wakeState, eventFd);
        closeQuietly(wakeState, fd);
        arena.close();
        LOG.debug("closed TUN device {}", name);
    }

    private static void closeQuietly(MemorySegment callState, int descriptor) {
        if (descriptor >= 0 && Libc.close(callState, descriptor) < 0) {
            LOG.warn("close({}) failed: {}", descriptor, Libc.strerror(Libc.errno(callState)));
        }
    }

    @Override
    public String toString() {
        return "TunDevice[" + name + (isOpen() ? "" : ", closed") + "]";
    }

    /** A ClosedChannelException that names the device. */
    private static final class DeviceClosedException extends ClosedChannelException {
        private final String device;

        DeviceClosedException(String device) {
            this.device = device;
        }

        @Override
        public String getMessage() {
            return "TUN device " + device + " is closed";
        }
    }
}
