package dev.quetzal.plugin.nat64.dns64;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.filter.Direction;
import dev.quetzal.api.filter.FilterContext;
import dev.quetzal.api.filter.Verdict;
import dev.quetzal.api.frontend.ClientSession;
import dev.quetzal.api.packet.PacketBuffer;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.plugin.nat64.DnsInterceptor;
import dev.quetzal.plugin.nat64.Nat64Filter;
import dev.quetzal.plugin.nat64.xlat.Translation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts {@link Dns64} into {@link Nat64Filter}'s DNS hook. The hook sees answers before translation
 * (IPv4); DNS64 works on what the client sees, so while DNS64 has exchanges open, an answer is
 * translated here first (exactly as the filter would) and the filter then passes it on. DNS64's own
 * A queries go through the translator and out with {@link FilterContext#inject}; its late answers go
 * to the client the same way.
 */
public final class Dns64Interceptor implements DnsInterceptor {
    private final Dns64 dns64;
    private final Nat64Filter filter;
    private final FilterContext context;
    private final Duration sweep;
    private volatile RouteRegistry.Subscription uplink;
    private volatile Scheduler.Cancellable timer;

    public Dns64Interceptor(Dns64Config config, Nat64Filter filter, FilterContext context) {
        this.filter = filter;
        this.context = context;
        this.sweep = Duration.ofNanos(Math.max(Duration.ofMillis(50).toNanos(), config.timeout().toNanos() / 4));
        this.dns64 = new Dns64(config, AddressSynthesis.of(filter.mapper()), new Dns64.Network() {
            @Override
            public void toServer(PacketBuffer packet, ClientSession client) {
                if (packet.ipVersion() == 6 && filter.translateToIpv4(packet, client) != Translation.TRANSLATED) {
                    packet.release(); // the translator would drop the client's own query the same way
                    return;
                }
                context.inject(Direction.OUTBOUND, packet, client);
            }

            @Override
            public void toClient(PacketBuffer packet, ClientSession client) {
                context.inject(Direction.INBOUND, packet, client);
            }

            @Override
            public PacketBuffer acquire() {
                return context.buffers().acquire();
            }
        }, context.time());
    }

    public Dns64 dns64() {
        return dns64;
    }

    @Override
    public Verdict outbound(PacketBuffer packet, int transportOffset, ClientSession client) {
        return dns64.outbound(packet, client);
    }

    @Override
    public Verdict inbound(PacketBuffer packet, int transportOffset) {
        if (dns64.isIdle()) {
            return Verdict.PASS;
        }
        // A dual-stack client's own IPv4 query is answered in IPv4; only answers to translated queries become IPv6.
        if (packet.ipVersion() == 4 && !filter.nativeIpv4(packet)) {
            Translation translation = filter.translateToIpv6(packet);
            if (translation == Translation.REPLY) {
                return Verdict.REPLY;
            }
            if (translation instanceof Translation.Dropped dropped) {
                return Verdict.drop("nat64-" + dropped.reason());
            }
        }
        return dns64.inbound(packet);
    }

    @Override
    public void start() {
        uplink = context.uplink().subscribe(this::uplinkChanged);
        timer = context.scheduler().scheduleWithFixedDelay(sweep, sweep, dns64::expire);
        try {
            dns64.counters().register(context.metrics());
        } catch (UnsupportedOperationException e) {
            // A context without metrics (tests) still runs DNS64.
        }
    }

    private void uplinkChanged(BackendState state) {
        dns64.uplinkChanged(state instanceof BackendState.Connected connected ? connected.uplink() : null);
    }

    @Override
    public void close() {
        RouteRegistry.Subscription subscription = uplink;
        if (subscription != null) {
            subscription.close();
        }
        Scheduler.Cancellable cancellable = timer;
        if (cancellable != null) {
            cancellable.cancel();
        }
    }

    @Override
    public Map<String, Object> status() {
        Dns64Counters c = dns64.counters();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("suffixes", dns64.suffixes().suffixes().stream().map(Object::toString).toList());
        status.put("synthesized", c.synthesized());
        status.put("aQueriesSent", c.aQueriesSent());
        status.put("aQueriesAnsweredEmpty", c.aQueriesAnsweredEmpty());
        status.put("ptrRewritten", c.ptrRewritten());
        status.put("malformed", c.malformed());
        status.put("timeouts", c.timeouts());
        status.put("tcpUnhandled", c.tcpUnhandled());
        return status;
    }
}
