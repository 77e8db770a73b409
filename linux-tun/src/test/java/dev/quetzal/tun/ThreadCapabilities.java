package dev.quetzal.tun;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a task on a fresh thread that has dropped CAP_NET_ADMIN from its effective set. Linux keeps
 * capabilities per thread (capset(2) with pid 0 changes the caller only), so a root test can see
 * what an unprivileged user gets without touching the rest of the JVM.
 */
@SuppressWarnings("restricted") // native access is this class's job
final class ThreadCapabilities {
    /** linux/capability.h */
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int CAP_NET_ADMIN = 12;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CAPGET = LINKER.downcallHandle(LINKER.defaultLookup().find("capget").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = LINKER.downcallHandle(LINKER.defaultLookup().find("capset").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private ThreadCapabilities() {
    }

    static <T> T callWithoutNetAdmin(Callable<T> task, Duration timeout) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            dropNetAdminFromThisThread();
            return task.call();
        });
        Thread.ofPlatform().name("without-cap-net-admin").start(future);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    private static void dropNetAdminFromThisThread() {
        try (Arena arena = Arena.ofConfined()) {
            // struct __user_cap_header_struct { u32 version; int pid; }, then two __user_cap_data_struct
            // { u32 effective, permitted, inheritable; } for capabilities 0-31 and 32-63.
            MemorySegment header = arena.allocate(JAVA_INT, 2);
            MemorySegment data = arena.allocate(JAVA_INT, 6);
            header.setAtIndex(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.setAtIndex(JAVA_INT, 1, 0);
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            int effective = data.getAtIndex(JAVA_INT, 0);
            data.setAtIndex(JAVA_INT, 0, effective & ~(1 << CAP_NET_ADMIN));
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        } catch (Throwable t) {
            throw new IllegalStateException("cannot drop CAP_NET_ADMIN from this thread", t);
        }
    }
}
