package dev.quetzal.tun;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quetzal.tun.testing.Commands;
import dev.quetzal.tun.testing.LinuxRoot;
import dev.quetzal.tun.testing.NetworkNamespace;
import dev.quetzal.tun.testing.TestPackets;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real TUN device (Documentation/networking/tuntap.rst, IFF_TUN | IFF_NO_PI) against the kernel's
 * IPv4 stack in a network namespace the test creates: ICMP echo (RFC 792) written to the device is
 * answered by the kernel through it. Root only; see {@link LinuxRoot}. The class timeout runs each
 * test on its own thread, so a test stuck in read() fails and {@link #cleanUp()} still closes the
 * device (which wakes it) and deletes the namespace.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class TunDeviceTest {
    private static final String LOCAL = "198.18.200.1";
    private static final String PEER = "198.18.200.2";

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void root() {
        LinuxRoot.assumeRoot();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(cleanup);
        Exception first = null;
        for (AutoCloseable resource : cleanup) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private TunDevice open(String name) throws IOException {
        TunDevice device = TunDevice.open(name);
        cleanup.add(device);
        return device;
    }

    /** The device in a new namespace as 198.18.200.1/24, up: the kernel answers for that address. */
    private NetworkNamespace namespaceWith(TunDevice device) throws IOException {
        NetworkNamespace namespace = NetworkNamespace.create("qzt");
        cleanup.add(namespace);
        namespace.adopt(device.name());
        namespace.ip("addr", "add", LOCAL + "/24", "dev", device.name());
        namespace.ip("link", "set", "dev", device.name(), "up");
        return namespace;
    }

    private static String randomName() {
        return NetworkNamespace.randomName("qzt", 4);
    }

    private static TestPackets.Parsed readUntil(TunDevice device, Predicate<TestPackets.Parsed> wanted)
            throws IOException {
        byte[] buffer = new byte[TunDevice.MAX_PACKET];
        for (int i = 0; i < 100; i++) {
            int n = device.read(buffer, 0, buffer.length);
            assertTrue(n >= 0, "device closed while waiting");
            Optional<TestPackets.Parsed> packet = TestPackets.parse(buffer, 0, n);
            if (packet.isPresent() && wanted.test(packet.get())) {
                return packet.get();
            }
        }
        return fail("100 packets read without the one expected");
    }

    private static void write(TunDevice device, byte[] packet) throws IOException {
        device.write(packet, 0, packet.length);
    }

    @Test
    @DisplayName("a %d template gets the kernel's number; the interface lives as long as the device")
    void kernelNamesTheInterfaceAndCloseDeletesIt() throws IOException {
        TunDevice device = open("qzt%d");
        assertTrue(device.name().matches("qzt[0-9]+"), device.name());
        String link = Commands.run("ip", "-o", "link", "show", "dev", device.name());
        assertTrue(link.contains("POINTOPOINT") && link.contains("NOARP"), link);

        device.close();
        assertFalse(device.isOpen());
        Commands.Result gone = Commands.runAllowingFailure(Duration.ofSeconds(10),
                List.of("ip", "link", "show", "dev", device.name()));
        assertNotEquals(0, gone.exitCode(), gone.output());
    }

    @Test
    @DisplayName("RFC 792: an echo request written to the device is answered by the kernel through it")
    void kernelAnswersEchoRequest() throws IOException {
        String name = randomName();
        TunDevice device = open(name);
        assertEquals(name, device.name());
        namespaceWith(device);

        byte[] data = "quetzal tun".getBytes(US_ASCII);
        write(device, TestPackets.echoRequest(PEER, LOCAL, 0x5154, 1, data));
        TestPackets.Parsed reply = readUntil(device, p -> p.isEchoReply(0x5154, 1));

        assertEquals(TestPackets.literal(LOCAL), reply.source());
        assertEquals(TestPackets.literal(PEER), reply.destination());
        assertEquals(0, TestPackets.checksum(reply.payload()), "RFC 792: the reply's checksum verifies");
        assertArrayEquals(data, java.util.Arrays.copyOfRange(reply.payload(), 8, reply.payload().length));
    }

    @Test
    @DisplayName("RFC 792: four threads write echo requests at once; every one is answered")
    void concurrentWritersAreAllDelivered() throws Exception {
        TunDevice device = open(randomName());
        namespaceWith(device);
        int threads = 4;
        int perThread = 25;
        List<FutureTask<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int identifier = 0x7000 + t;
            FutureTask<Void> writer = new FutureTask<>(() -> {
                for (int seq = 0; seq < perThread; seq++) {
                    write(device, TestPackets.echoRequest(PEER, LOCAL, identifier, seq, new byte[32]));
                }
                return null;
            });
            writers.add(writer);
            Thread.ofPlatform().name("writer-" + t).start(writer);
        }
        Set<Integer> answered = new HashSet<>();
        byte[] buffer = new byte[TunDevice.MAX_PACKET];
        while (answered.size() < threads * perThread) {
            int n = device.read(buffer, 0, buffer.length);
            assertTrue(n >= 0, "device closed while waiting");
            TestPackets.parse(buffer, 0, n).filter(p -> p.protocol() == TestPackets.ICMP).ifPresent(p -> {
                int identifier = ((p.payload()[4] & 0xff) << 8) | (p.payload()[5] & 0xff);
                int seq = ((p.payload()[6] & 0xff) << 8) | (p.payload()[7] & 0xff);
                if (p.isEchoReply(identifier, seq)) {
                    answered.add(identifier << 16 | seq);
                }
            });
        }
        for (FutureTask<Void> writer : writers) {
            writer.get(10, TimeUnit.SECONDS);
        }
        assertEquals(threads * perThread, answered.size());
    }

    @Test
    @DisplayName("close() wakes a reader blocked on an idle device within 1 s; then read gives -1, write throws")
    void closeWakesABlockedReader() throws Exception {
        TunDevice device = open(randomName());
        byte[] buffer = new byte[TunDevice.MAX_PACKET];
        CountDownLatch started = new CountDownLatch(1);
        FutureTask<Integer> reader = new FutureTask<>(() -> {
            started.countDown();
            return device.read(buffer, 0, buffer.length);
        });
        Thread.ofPlatform().name("blocked-reader").start(reader);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        device.close();
        assertEquals(-1, reader.get(1, TimeUnit.SECONDS));
        assertEquals(-1, device.read(buffer, 0, buffer.length));
        byte[] packet = TestPackets.echoRequest(PEER, LOCAL, 1, 1, new byte[0]);
        ClosedChannelException e = assertThrows(ClosedChannelException.class, () -> write(device, packet));
        assertEquals("TUN device " + device.name() + " is closed", e.getMessage());
        assertEquals("TunDevice[" + device.name() + ", closed]", device.toString());
        device.close();
    }

    @Test
    @DisplayName("RFC 791 §3.1: a packet whose version is neither 4 nor 6 is refused with EINVAL; the device goes on")
    void refusesNonIpPacketAndStaysUsable() throws IOException {
        TunDevice device = open(randomName());
        namespaceWith(device);
        byte[] notIp = new byte[28];
        notIp[0] = 0x25;
        ErrnoException e = assertThrows(ErrnoException.class, () -> write(device, notIp));
        assertEquals(LinuxAbi.EINVAL, e.errno());
        assertEquals("TUN device " + device.name() + " refused a 28-byte packet: Invalid argument"
                + " (not an IPv4 or IPv6 packet)", e.getMessage());

        write(device, TestPackets.echoRequest(PEER, LOCAL, 0x5155, 2, new byte[8]));
        readUntil(device, p -> p.isEchoReply(0x5155, 2));
    }

    @Test
    @DisplayName("a packet longer than the reader's buffer is dropped and counted, the next one is read")
    void oversizedPacketIsDroppedAndCounted() throws IOException {
        TunDevice device = open(randomName());
        namespaceWith(device);
        write(device, TestPackets.echoRequest(PEER, LOCAL, 0x5156, 1, new byte[1000]));
        write(device, TestPackets.echoRequest(PEER, LOCAL, 0x5156, 2, new byte[10]));
        byte[] small = new byte[200];
        for (int i = 0; i < 100; i++) {
            int n = device.read(small, 0, small.length);
            assertTrue(n >= 0 && n <= small.length, "read " + n);
            Optional<TestPackets.Parsed> packet = TestPackets.parse(small, 0, n);
            assertFalse(packet.isPresent() && packet.get().isEchoReply(0x5156, 1), "the 1028-byte reply fit in 200");
            if (packet.isPresent() && packet.get().isEchoReply(0x5156, 2)) {
                assertEquals(1, device.oversizedPackets());
                return;
            }
        }
        fail("no reply to the second request");
    }

    @Test
    void refusesPacketsLongerThanIpAllowsAndBadBounds() throws IOException {
        TunDevice device = open(randomName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.write(new byte[70000], 0, 70000));
        assertEquals("a 70000-byte packet is longer than the 65535 bytes a TUN interface carries", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> device.write(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> device.read(new byte[10], -1, 5));
    }

    @Test
    @DisplayName("TUNSETIFF on an interface that is not a TUN device (lo) fails with EINVAL and says so")
    void refusesNonTunInterface() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> open("lo"));
        assertEquals(LinuxAbi.EINVAL, e.errno());
        assertEquals("cannot create TUN device lo (ioctl TUNSETIFF on /dev/net/tun): Invalid argument"
                + " (is there an interface of that name that is not a TUN device?)", e.getMessage());
    }

    @Test
    @DisplayName("a single-queue TUN interface takes one descriptor: a second open is EBUSY")
    void secondOpenOfTheSameInterfaceIsBusy() throws IOException {
        TunDevice device = open(randomName());
        ErrnoException e = assertThrows(ErrnoException.class, () -> open(device.name()));
        assertEquals(LinuxAbi.EBUSY, e.errno());
        assertEquals("cannot create TUN device " + device.name() + " (ioctl TUNSETIFF on /dev/net/tun):"
                + " Device or resource busy (another process has it open)", e.getMessage());
    }

    @Test
    @DisplayName("without CAP_NET_ADMIN, TUNSETIFF fails with EPERM and the message names the capability")
    void withoutNetAdminTheErrorNamesTheCapability() throws Exception {
        String name = randomName();
        ErrnoException e = ThreadCapabilities.callWithoutNetAdmin(
                () -> assertThrows(ErrnoException.class, () -> open(name)), Duration.ofSeconds(10));
        assertEquals(LinuxAbi.EPERM, e.errno());
        assertEquals("cannot create TUN device " + name + " (ioctl TUNSETIFF on /dev/net/tun):"
                + " Operation not permitted (needs CAP_NET_ADMIN)", e.getMessage());
    }
}
