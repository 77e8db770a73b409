package dev.quetzal.runtime.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.IpFamily;
import dev.quetzal.api.net.IpPrefix;
import dev.quetzal.api.service.AddressPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Inner address leasing: the RFC 6598 shared address space 100.64.0.0/10 as the usual IPv4 pool,
 * never the IPv4 network or broadcast address (RFC 919/922 conventions) nor the IPv6 Subnet-Router
 * anycast address (RFC 4291 §2.6.1), the first usable address kept for the gateway, sticky
 * addresses per client key, exhaustion, and idempotent release.
 */
final class DefaultAddressPoolTest {
    private static final IpPrefix SHARED_SPACE = IpPrefix.parse("100.64.0.0/10");
    private static final IpPrefix ULA = IpPrefix.parse("fd00:0:0:1::/64");

    @Test
    void gatewayTakesTheFirstUsableAddressAndClientsTheNext() {
        DefaultAddressPool pool = new DefaultAddressPool(SHARED_SPACE, ULA);

        assertEquals(Optional.of(IpAddress.parse("100.64.0.1")), pool.gatewayAddress(IpFamily.IPV4));
        assertEquals(Optional.of(IpAddress.parse("fd00:0:0:1::1")), pool.gatewayAddress(IpFamily.IPV6));
        assertEquals("100.64.0.2", lease(pool, "alice", IpFamily.IPV4).address().toString());
        assertEquals("100.64.0.3", lease(pool, "bob", IpFamily.IPV4).address().toString());
        assertEquals("fd00:0:0:1::2", lease(pool, "alice", IpFamily.IPV6).address().toString());
        assertEquals(Optional.of(SHARED_SPACE), pool.range(IpFamily.IPV4));
        assertEquals(Optional.of(ULA), pool.range(IpFamily.IPV6));
    }

    @Test
    void ipv4NeverLeasesNetworkGatewayOrBroadcast() {
        DefaultAddressPool pool = new DefaultAddressPool(IpPrefix.parse("198.18.0.8/29"), null);
        List<String> leased = new ArrayList<>();

        Optional<AddressPool.Lease> lease;
        for (int i = 0; (lease = pool.lease("client-" + i, IpFamily.IPV4)).isPresent(); i++) {
            leased.add(lease.get().address().toString());
        }

        assertEquals(List.of("198.18.0.10", "198.18.0.11", "198.18.0.12", "198.18.0.13", "198.18.0.14"), leased);
    }

    @Test
    void ipv6NeverLeasesTheSubnetRouterAnycastOrGatewayAddress() {
        DefaultAddressPool pool = new DefaultAddressPool(null, IpPrefix.parse("fd00::/126"));

        assertEquals("fd00::2", lease(pool, "a", IpFamily.IPV6).address().toString());
        assertEquals("fd00::3", lease(pool, "b", IpFamily.IPV6).address().toString());
        assertEquals(Optional.empty(), pool.lease("c", IpFamily.IPV6));
    }

    @Test
    void smallestIpv4PoolHoldsOneClient() {
        DefaultAddressPool pool = new DefaultAddressPool(IpPrefix.parse("198.18.0.0/30"), null);

        AddressPool.Lease only = lease(pool, "a", IpFamily.IPV4);

        assertEquals("198.18.0.2", only.address().toString());
        assertEquals(Optional.empty(), pool.lease("b", IpFamily.IPV4));
        only.close();
        assertEquals("198.18.0.2", lease(pool, "b", IpFamily.IPV4).address().toString());
    }

    @Test
    void returningClientGetsItsAddressBackWhileItIsFree() {
        DefaultAddressPool pool = new DefaultAddressPool(SHARED_SPACE, null);
        AddressPool.Lease first = lease(pool, "alice", IpFamily.IPV4);
        lease(pool, "bob", IpFamily.IPV4).close();
        first.close();
        // Fresh addresses go first, while .2 and .3 wait for alice and bob.
        assertEquals("100.64.0.4", lease(pool, "carol", IpFamily.IPV4).address().toString());

        AddressPool.Lease again = lease(pool, "alice", IpFamily.IPV4);

        assertEquals(first.address(), again.address());
        assertEquals("100.64.0.5", lease(pool, "dave", IpFamily.IPV4).address().toString());
        assertEquals("100.64.0.3", lease(pool, "bob", IpFamily.IPV4).address().toString());
    }

    @Test
    void stickyAddressTakenByOthersWhenNothingElseIsFree() {
        DefaultAddressPool pool = new DefaultAddressPool(IpPrefix.parse("198.18.0.0/29"), null);
        List<AddressPool.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add(lease(pool, "client-" + i, IpFamily.IPV4));
        }
        leases.get(2).close();

        AddressPool.Lease newcomer = lease(pool, "newcomer", IpFamily.IPV4);

        assertEquals(leases.get(2).address(), newcomer.address());
        assertEquals(Optional.empty(), pool.lease("client-2", IpFamily.IPV4));
    }

    @Test
    void sameClientKeyTwiceGetsTwoAddresses() {
        DefaultAddressPool pool = new DefaultAddressPool(SHARED_SPACE, null);

        AddressPool.Lease phone = lease(pool, "alice", IpFamily.IPV4);
        AddressPool.Lease laptop = lease(pool, "alice", IpFamily.IPV4);

        assertNotEquals(phone.address(), laptop.address());
    }

    @Test
    void closingALeaseTwiceFreesOnlyOnce() {
        DefaultAddressPool pool = new DefaultAddressPool(IpPrefix.parse("198.18.0.0/30"), null);
        AddressPool.Lease first = lease(pool, "a", IpFamily.IPV4);
        first.close();
        AddressPool.Lease second = lease(pool, "b", IpFamily.IPV4);

        first.close();

        assertEquals(first.address(), second.address());
        assertEquals(Optional.empty(), pool.lease("c", IpFamily.IPV4));
    }

    @Test
    void missingFamilyHasNoLeasesRangeOrGateway() {
        DefaultAddressPool pool = new DefaultAddressPool(SHARED_SPACE, null);

        assertEquals(Optional.empty(), pool.lease("a", IpFamily.IPV6));
        assertEquals(Optional.empty(), pool.range(IpFamily.IPV6));
        assertEquals(Optional.empty(), pool.gatewayAddress(IpFamily.IPV6));
    }

    @Test
    void rejectsWrongFamilyAndPrefixesTooSmall() {
        assertThrows(IllegalArgumentException.class, () -> new DefaultAddressPool(ULA, null));
        assertThrows(IllegalArgumentException.class, () -> new DefaultAddressPool(null, SHARED_SPACE));
        assertThrows(IllegalArgumentException.class, () -> new DefaultAddressPool(IpPrefix.parse("198.18.0.0/31"), null));
        assertThrows(IllegalArgumentException.class, () -> new DefaultAddressPool(null, IpPrefix.parse("fd00::/127")));
    }

    @Test
    void concurrentLeasesAreDistinct() throws InterruptedException {
        DefaultAddressPool pool = new DefaultAddressPool(IpPrefix.parse("198.18.0.0/22"), null);
        Set<IpAddress> addresses = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 255; i++) {
                        addresses.add(lease(pool, id + "-" + i, IpFamily.IPV4).address());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(List.of(), failures);
        assertEquals(1020, addresses.size());
        // 1024 addresses less network, gateway and broadcast leave room for one more.
        addresses.add(lease(pool, "last", IpFamily.IPV4).address());
        assertEquals(1021, addresses.size());
        assertEquals(Optional.empty(), pool.lease("one-too-many", IpFamily.IPV4));
        Set<IpAddress> reserved = new HashSet<>(List.of(IpAddress.parse("198.18.0.0"), IpAddress.parse("198.18.0.1"),
                IpAddress.parse("198.18.3.255")));
        assertTrue(addresses.stream().noneMatch(reserved::contains));
    }

    private static AddressPool.Lease lease(DefaultAddressPool pool, String clientKey, IpFamily family) {
        return pool.lease(clientKey, family).orElseThrow(() -> new AssertionError("pool exhausted for " + clientKey));
    }
}
