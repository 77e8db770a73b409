package dev.quetzal.plugin.ikev2.profile;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Everything a platform's profile is made from.
 *
 * @param server the address or name devices dial (RemoteAddress)
 * @param windowsRoutes the route set for the Windows script
 */
record ProfileInput(GatewaySettings gateway, ClientBundle client, String server, WindowsRoutes windowsRoutes) {
    /** The connection's name on the device. */
    String displayName() {
        return "Quetzal " + gateway.identity();
    }

    /**
     * A UUID that stays the same for this gateway, client and role, so a profile made again replaces the installed
     * one instead of adding a second (Apple matches PayloadUUID/PayloadIdentifier, strongSwan the profile uuid).
     */
    UUID uuid(String role) {
        return UUID.nameUUIDFromBytes((gateway.identity() + "\n" + client.identity() + "\n" + role)
                .getBytes(StandardCharsets.UTF_8));
    }
}
