package dev.quetzal.runtime.cli.pterodapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpPrefix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The clients' IPv6 pool when NAT64 is on: an RFC 4193 unique local /64 from a SHA-1 hash (§3.2.2). */
@DisplayName("RFC 4193 §3.1, §3.2.2: unique local /64 for the clients' IPv6 addresses")
final class UniqueLocalPrefixTest {
    @Test
    @DisplayName("RFC 4193 §3.1: fd00::/8 (L=1), 40-bit global ID = the hash's low 40 bits, subnet 0, /64")
    void layout() {
        // SHA-1("vpn.example.com") ends in ...56 a5 97 e3 31.
        assertEquals("fd56:a597:e331::/64", UniqueLocalPrefix.of("vpn.example.com"));
        IpPrefix prefix = IpPrefix.parse(UniqueLocalPrefix.of("vpn.example.com"));
        assertEquals(64, prefix.length());
        assertTrue(IpPrefix.parse("fd00::/8").contains(prefix));
    }

    @Test
    @DisplayName("RFC 4193 §3.2: the same name gives the same prefix (any case); another name another one")
    void deterministicPerName() {
        assertEquals(UniqueLocalPrefix.of("vpn.example.com"), UniqueLocalPrefix.of("VPN.Example.COM"));
        assertNotEquals(UniqueLocalPrefix.of("vpn.example.com"), UniqueLocalPrefix.of("vpn2.example.com"));
    }
}
