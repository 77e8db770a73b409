package dev.quetzal.emulator.portal;

import dev.quetzal.emulator.config.SecondFactor;
import java.time.Instant;
import java.util.Map;

/**
 * A pending second-factor challenge, keyed by {@code reqid}. {@code fields} are the values the client
 * must send back unchanged (fortivpn-protocol.md §2).
 */
record Challenge(SecondFactor kind, String username, String realm, Map<String, String> fields, Instant issued) {
    Challenge {
        fields = Map.copyOf(fields);
    }

    String field(String name) {
        return fields.get(name);
    }
}
