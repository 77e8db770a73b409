package dev.quetzal.runtime.napt;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.net.Ipv4Address;
import dev.quetzal.api.net.Ipv6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status} shows of the translation.
 *
 * @param uplink the addresses clients are translated to (the uplink's first of each family)
 * @param mappings live mappings by kind ({@code tcp4}, {@code udp4}, {@code icmp4}, {@code tcp6}, ...)
 * @param clients the clients with the most mappings, most first
 * @param clientCount how many client addresses hold mappings
 * @param drops packets dropped by reason
 */
public record NaptStatus(List<IpAddress> uplink,
        Map<String, Integer> mappings, List<ClientMappings> clients, int clientCount, Map<String, Long> drops) {
    public NaptStatus {
        uplink = List.copyOf(uplink);
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        clients = List.copyOf(clients);
        drops = Collections.unmodifiableMap(new LinkedHashMap<>(drops));
    }

    /** One client address and how many mappings it holds. */
    public record ClientMappings(String client, int mappings) {}

    static NaptStatus of(List<IpAddress> uplink, NaptTable table, NaptCounters counters, int top) {
        Map<String, Integer> mappings = new LinkedHashMap<>();
        for (int k = 0; k < NaptTable.KINDS; k++) {
            mappings.put(NaptCounters.KIND_NAMES[k], table.live(k));
        }
        List<ClientMappings> clients = new ArrayList<>();
        table.clients().forEach((family, high, low, count) -> clients.add(new ClientMappings(
                (family == 0 ? new Ipv4Address((int) low) : new Ipv6Address(high, low)).toString(), count)));
        clients.sort(Comparator.comparingInt(ClientMappings::mappings).reversed()
                .thenComparing(ClientMappings::client));
        int count = clients.size();
        return new NaptStatus(uplink, mappings, clients.subList(0, Math.min(top, count)), count, counters.drops());
    }
}
