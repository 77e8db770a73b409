package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import dev.quetzal.api.service.PacketRouter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session table behind {@link PacketRouter#attach}: lookups by IPv4 and IPv6 inner address, an
 * address moving to the newest session (as after a reconnect), and attachments that release only
 * what they still own and can be closed twice.
 */
final class SessionTableTest {
    private final SessionTable table = new SessionTable();

    @Test
    void findsSessionsByIpv4AndIpv6Address() {
        RecordingSession alice = new RecordingSession("alice", "100.64.0.2", "fd00::2");
        RecordingSession bob = new RecordingSession("bob", "100.64.0.3", "fd00:0:0:1::2");
        table.attach(alice);
        table.attach(bob);

        assertSame(alice, findIpv4("100.64.0.2"));
        assertSame(bob, findIpv4("100.64.0.3"));
        assertSame(alice, findIpv6("fd00::2"));
        assertSame(bob, findIpv6("fd00:0:0:1::2"));
        assertNull(findIpv4("100.64.0.4"));
        assertNull(findIpv4("0.0.0.0"));
        assertNull(findIpv6("fd00::3"));
        assertNull(findIpv6("::"));
    }

    @Test
    void findsEveryOneOfManyConsecutiveAddresses() {
        List<RecordingSession> sessions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RecordingSession session = new RecordingSession("s" + i, IpAddress.parse("10.0.0.0").plus(i).toString(),
                    IpAddress.parse("fd00::").plus(i << 8).toString());
            sessions.add(session);
            table.attach(session);
        }

        for (int i = 0; i < 1000; i++) {
            assertSame(sessions.get(i), findIpv4(IpAddress.parse("10.0.0.0").plus(i).toString()));
            assertSame(sessions.get(i), findIpv6(IpAddress.parse("fd00::").plus(i << 8).toString()));
        }
        assertNull(findIpv4("10.0.3.232"));
    }

    @Test
    void addressMovesToTheNewestSessionAndStaysThereWhenTheOldOneCloses() {
        RecordingSession before = new RecordingSession("before", "100.64.0.2", "fd00::2");
        RecordingSession after = new RecordingSession("after", "100.64.0.2");
        PacketRouter.Attachment old = table.attach(before);
        table.attach(after);

        assertSame(after, findIpv4("100.64.0.2"));
        assertSame(before, findIpv6("fd00::2"));
        old.close();
        assertSame(after, findIpv4("100.64.0.2"));
        assertNull(findIpv6("fd00::2"));
    }

    @Test
    void closingTwiceRemovesNothingMore() {
        RecordingSession alice = new RecordingSession("alice", "100.64.0.2");
        PacketRouter.Attachment first = table.attach(alice);
        first.close();
        PacketRouter.Attachment second = table.attach(alice);

        first.close();

        assertSame(alice, findIpv4("100.64.0.2"));
        assertEquals(List.<ClientSession>of(alice), table.sessions());
        second.close();
        second.close();
        assertNull(findIpv4("100.64.0.2"));
        assertEquals(List.of(), table.sessions());
    }

    @Test
    void listsOpenSessionsInAttachOrderOnce() {
        RecordingSession alice = new RecordingSession("alice", "100.64.0.2");
        RecordingSession bob = new RecordingSession("bob", "100.64.0.3");
        table.attach(bob);
        table.attach(alice);
        table.attach(bob);

        assertEquals(List.<ClientSession>of(bob, alice), table.sessions());
    }

    private ClientSession findIpv4(String address) {
        return table.findIpv4(((Ipv4Address) IpAddress.parse(address)).bits());
    }

    private ClientSession findIpv6(String address) {
        Ipv6Address v6 = (Ipv6Address) IpAddress.parse(address);
        return table.findIpv6(v6.high(), v6.low());
    }
}
