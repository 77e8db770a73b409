package dev.quetzal.plugin.nat64;

import dev.quetzal.plugin.nat64.address.ClientTable;
import dev.quetzal.plugin.nat64.address.ExplicitMappings;
import dev.quetzal.plugin.nat64.address.Rfc6052Prefix;
import dev.quetzal.plugin.nat64.address.StatelessMapper;
import dev.quetzal.plugin.nat64.xlat.Translator;
import dev.quetzal.plugin.nat64.xlat.TranslatorSettings;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds the translator and its address mapping from a {@link Nat64Config}. */
public final class Nat64Setup {
    /** ICMP errors the translator itself sends, per second (Time Exceeded and the like). */
    public static final int ERRORS_PER_SECOND = 100;

    private Nat64Setup() {}

    /**
     * The address mapping: explicit mappings, then the Pref64. {@code clients} holds learned client
     * addresses (the gateway filter); null means plain SIIT, where IPv4 destinations are embedded in
     * the Pref64 too (the {@code translate} command).
     */
    public static StatelessMapper mapper(Nat64Config config, ClientTable clients) {
        List<ExplicitMappings.Entry> entries = config.mappings().stream()
                .map(m -> new ExplicitMappings.Entry(m.ipv6(), m.ipv4()))
                .toList();
        return new StatelessMapper(new Rfc6052Prefix(config.prefix()), ExplicitMappings.of(entries),
                config.checkWellKnownPrefix(), clients);
    }

    public static TranslatorSettings settings(Nat64Config config) {
        return new TranslatorSettings(config.lowestIpv6Mtu(), config.udpZeroChecksum().equals("compute"), ERRORS_PER_SECOND);
    }

    public static Translator translator(Nat64Config config, ClientTable clients, LongSupplier nanoTime) {
        return new Translator(mapper(config, clients), settings(config), nanoTime);
    }
}
