package dev.quetzal.emulator;

import dev.quetzal.api.net.Ipv4Address;
import java.time.Instant;

/**
 * A snapshot of one login session, safe to log: the cookie appears only as its first characters.
 *
 * @param realm the realm logged in with, "" for none
 * @param cookiePrefix the first 6 characters of SVPNCOOKIE followed by "..."
 * @param tunnelUp a tunnel connection of this session has IPCP open
 */
public record SessionInfo(
        String username, String realm, Ipv4Address assignedAddress, String cookiePrefix, Instant created,
        boolean tunnelUp) {}
