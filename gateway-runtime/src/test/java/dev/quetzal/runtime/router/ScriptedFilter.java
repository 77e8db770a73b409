package dev.quetzal.runtime.router;

import dev.quetzal.api.filter.PacketFilter;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A filter that writes {@code <name>.out} or {@code <name>.in} to a shared log, with the client it
 * was given, and answers with a fixed verdict per direction.
 */
final class ScriptedFilter implements PacketFilter {
    private final String name;
    private final List<String> log;
    private final Supplier<Verdict> outbound;
    private final Supplier<Verdict> inbound;

    ScriptedFilter(String name, List<String> log, Supplier<Verdict> outbound, Supplier<Verdict> inbound) {
        this.name = name;
        this.log = log;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    static ScriptedFilter passing(String name, List<String> log) {
        return new ScriptedFilter(name, log, () -> Verdict.PASS, () -> Verdict.PASS);
    }

    static ScriptedFilter outbound(String name, List<String> log, Verdict verdict) {
        return new ScriptedFilter(name, log, () -> verdict, () -> Verdict.PASS);
    }

    static ScriptedFilter inbound(String name, List<String> log, Verdict verdict) {
        return new ScriptedFilter(name, log, () -> Verdict.PASS, () -> verdict);
    }

    NamedFilter named() {
        return new NamedFilter(name, this);
    }

    @Override
    public Verdict outbound(PacketBuffer packet, ClientSession client) {
        log.add(name + ".out" + (client == null ? "" : "(" + client.id() + ")"));
        return outbound.get();
    }

    @Override
    public Verdict inbound(PacketBuffer packet) {
        log.add(name + ".in");
        return inbound.get();
    }
}
