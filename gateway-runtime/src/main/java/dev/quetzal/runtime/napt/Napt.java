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
 * table), sweeps idle mappings on the scheduler, and reports for {@code /status}. Whether it translates is
 * decided once the backend exists ({@link #decide}); when it does not, it holds no translator and the
 * router's data path is unchanged.
 */
public final class Napt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Napt.class);
    private static final int TOP_CLIENTS = 10;

    private final NaptSettings settings;
    private final TimeSource time;
    private final MetricsRegistry metrics;
    private final Scheduler scheduler;
    private final UplinkStatus uplink;
    private NaptTranslator translator;
    private String reason = "not decided yet";
    private RouteRegistry.Subscription subscription;
    private Scheduler.Cancellable sweeper;

    public Napt(NaptSettings settings, TimeSource time, Scheduler scheduler, UplinkStatus uplink,
            MetricsRegistry metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.uplink = Objects.requireNonNull(uplink, "uplink");
        this.time = Objects.requireNonNull(time, "time");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Decides whether to translate, from {@code napt.enabled} and what the backend says of itself; warns when the
     * config turns it off for a backend whose far side drops every other source address. Call once, before
     * {@link #translator}.
     */
    public synchronized void decide(String backendName, boolean backendAcceptsOnlyAssignedAddresses) {
        if (translator != null) {
            return;
        }
        boolean on = settings.enabledFor(backendAcceptsOnlyAssignedAddresses);
        if (settings.enabled() == null) {
            reason = backendAcceptsOnlyAssignedAddresses
                    ? "napt.enabled unset and backend " + backendName + " accepts only its assigned addresses"
                    : "napt.enabled unset and backend " + backendName + " takes any source address";
        } else {
            reason = "napt.enabled is " + settings.enabled();
            if (!on && backendAcceptsOnlyAssignedAddresses) {
                LOG.warn("napt.enabled is false, but backend {} accepts only packets from its assigned addresses: the far"
                        + " side drops clients' packets from their pool addresses unless a client holds the uplink's"
                        + " address itself; remove napt.enabled or set it to true", backendName);
            }
        }
        if (on) {
            translator = new NaptTranslator(settings, time, metrics.forComponent("napt"));
        }
    }

    /** The translator for the router, or null when NAPT is off. */
    public synchronized NaptTranslator translator() {
        return translator;
    }

    /** Starts following the uplink and sweeping; does nothing when off. */
    public synchronized void start() {
        if (translator == null) {
            LOG.info("NAPT off ({})", reason);
            return;
        }
        if (subscription != null) {
            return;
        }
        subscription = uplink.subscribe(this::uplinkChanged);
        Duration period = sweepPeriod();
        sweeper = scheduler.scheduleWithFixedDelay(period, period, translator::sweep);
        LOG.info("NAPT on ({}): ports {}, up to {} mappings ({} per client)", reason, settings.portRange(),
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
        NaptTranslator current = translator();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("enabled", current != null);
        if (current != null) {
            NaptStatus status = current.status(TOP_CLIENTS);
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
