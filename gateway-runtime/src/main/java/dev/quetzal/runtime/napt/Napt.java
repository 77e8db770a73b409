package dev.quetzal.runtime.napt;

import dev.quetzal.api.backend.BackendState;
import dev.quetzal.api.net.IpAddress;
import dev.quetzal.api.service.RouteRegistry;
import dev.quetzal.api.service.Scheduler;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.api.service.UplinkStatus;
import dev.quetzal.runtime.config.NaptSettings;
import dev.quetzal.runtime.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translation as a runtime service: follows the uplink's addresses (a new address flushes the
 * table), sweeps idle mappings on the scheduler, and reports for {@code /status}. When {@code
 * napt.enabled} is false it holds no translator and the router's data path is unchanged.
 */
public final class Napt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Napt.class);
    private static final int TOP_CLIENTS = 10;

    private final NaptSettings settings;
    private final NaptTranslator translator;
    private final Scheduler scheduler;
    private final UplinkStatus uplink;
    private RouteRegistry.Subscription subscription;
    private Scheduler.Cancellable sweeper;

    public Napt(NaptSettings settings, TimeSource time, Scheduler scheduler, UplinkStatus uplink,
            MetricsRegistry metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.uplink = Objects.requireNonNull(uplink, "uplink");
        this.translator = settings.enabled() ? new NaptTranslator(settings, time, metrics.forComponent("napt")) : null;
    }

    /** The translator for the router, or null when NAPT is off. */
    public NaptTranslator translator() {
        return translator;
    }

    /** Starts following the uplink and sweeping; does nothing when off. */
    public synchronized void start() {
        if (translator == null || subscription != null) {
            return;
        }
        subscription = uplink.subscribe(this::uplinkChanged);
        Duration period = sweepPeriod();
        sweeper = scheduler.scheduleWithFixedDelay(period, period, translator::sweep);
        LOG.info("NAPT on: ports {}, up to {} mappings ({} per client)", settings.portRange(),
                settings.maxMappings(), settings.maxPerClient());
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.cancel();
            sweeper = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** The {@code "napt"} section of {@code /status}. */
    public Map<String, Object> status() {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("enabled", translator != null);
        if (translator != null) {
            NaptStatus status = translator.status(TOP_CLIENTS);
            section.put("uplink", status.uplink().stream().map(IpAddress::toString).toList());
            section.put("mappings", status.mappings());
            section.put("clients", status.clientCount());
            section.put("topClients", status.clients().stream()
                    .map(c -> Map.of("client", c.client(), "mappings", c.mappings())).toList());
            section.put("drops", status.drops());
        }
        return section;
    }

    private void uplinkChanged(BackendState state) {
        // Only a connection carries addresses; while down the old mappings wait for a reconnect.
        if (state instanceof BackendState.Connected connected
                && translator.setUplinkAddresses(connected.uplink().addresses())) {
            LOG.info("NAPT: uplink addresses are now {}; all mappings were dropped",
                    connected.uplink().addresses());
        }
    }

    /** A tenth of the shortest timeout, between 1 s and 10 s, so a mapping outlives its timeout by little. */
    private Duration sweepPeriod() {
        Duration shortest = Stream.of(settings.udpTimeout(), settings.tcpTransitoryTimeout(),
                settings.tcpEstablishedTimeout(), settings.icmpTimeout()).min(Duration::compareTo).orElseThrow();
        Duration tenth = shortest.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tenth;
    }
}
