package dev.quetzal.emulator.config;

import java.util.List;
import java.util.Objects;

/**
 * The zone the in-process DNS answers authoritatively. Names in it without records are NXDOMAIN,
 * names outside it REFUSED.
 */
public record DnsZone(String origin, List<ZoneRecord> records) {
    public DnsZone {
        Objects.requireNonNull(origin, "origin");
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** {@code corp.example} with intranet (A + AAAA), www (CNAME), v4only and v6only. */
    public static DnsZone corpExample() {
        return new DnsZone("corp.example", List.of(
                new ZoneRecord("intranet", "A", "198.18.0.10"),
                new ZoneRecord("intranet", "AAAA", "2001:db8:c0::10"),
                new ZoneRecord("www", "CNAME", "intranet.corp.example."),
                new ZoneRecord("v4only", "A", "198.18.0.11"),
                new ZoneRecord("v6only", "AAAA", "2001:db8:c0::12")));
    }
}
