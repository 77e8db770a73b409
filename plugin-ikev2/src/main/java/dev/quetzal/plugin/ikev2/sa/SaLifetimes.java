package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.esp.EspLimits;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long our IKE and Child SAs live (RFC 7296 §2.8: each end rekeys on its own schedule; RFC 4301 §4.4.2.1: soft
 * and hard lifetimes by time and bytes). At the soft deadline, lifetime - margin - a random part of the jitter, we
 * start a rekey; at the hard deadline, the lifetime, an SA that was not rekeyed is deleted. The jitter keeps two ends
 * with the same settings from rekeying in the same instant.
 *
 * @param childSaBytes hard byte limit of a Child SA per direction, 0 for none; the rekey starts at 90 % of it
 * @param dpdIntervalNanos after this long with nothing from the peer, an empty INFORMATIONAL request checks that it
 *     is alive (RFC 7296 §2.4, {@link DeadPeerDetection}); 0 for never
 * @param reauthNanos how long a client's authentication holds (RFC 7296 §2.8.3, RFC 4478 AUTH_LIFETIME,
 *     {@link Reauthentication}); 0 for ever
 */
public record SaLifetimes(Span ikeSa, Span childSa, long childSaBytes, long dpdIntervalNanos, long reauthNanos) {
    /** The default margin is 10 % of the lifetime but at least this much (never more than half the lifetime). */
    static final Duration MIN_DEFAULT_MARGIN = Duration.ofSeconds(30);

    /**
     * strongSwan's and Windows' usual values: IKE SA 4 h, Child SA 1 h, margins and jitter by default, no byte limit;
     * no dead-peer detection.
     */
    public static final SaLifetimes DEFAULT = new SaLifetimes(Span.of(Duration.ofHours(4), null, null),
            Span.of(Duration.ofHours(1), null, null), 0);

    public SaLifetimes {
        if (childSaBytes < 0) {
            throw new IllegalArgumentException("childSaBytes " + childSaBytes + " is negative");
        }
        if (dpdIntervalNanos < 0) {
            throw new IllegalArgumentException("dpdIntervalNanos " + dpdIntervalNanos + " is negative");
        }
        if (reauthNanos < 0) {
            throw new IllegalArgumentException("reauthNanos " + reauthNanos + " is negative");
        }
    }

    /** Without reauthentication. */
    public SaLifetimes(Span ikeSa, Span childSa, long childSaBytes, long dpdIntervalNanos) {
        this(ikeSa, childSa, childSaBytes, dpdIntervalNanos, 0);
    }

    /** Without dead-peer detection. */
    public SaLifetimes(Span ikeSa, Span childSa, long childSaBytes) {
        this(ikeSa, childSa, childSaBytes, 0, 0);
    }

    /** The same lifetimes with another dead-peer detection interval, {@link Duration#ZERO} for none. */
    public SaLifetimes withDpdInterval(Duration interval) {
        return new SaLifetimes(ikeSa, childSa, childSaBytes, interval.toNanos(), reauthNanos);
    }

    /** The same lifetimes with another authentication lifetime, {@link Duration#ZERO} for none. */
    public SaLifetimes withReauth(Duration lifetime) {
        return new SaLifetimes(ikeSa, childSa, childSaBytes, dpdIntervalNanos, lifetime.toNanos());
    }

    /**
     * One lifetime with its margin and jitter, all in nanoseconds.
     */
    public record Span(long lifetimeNanos, long marginNanos, long jitterNanos) {
        public Span {
            if (lifetimeNanos <= 0 || marginNanos <= 0 || jitterNanos < 0 || marginNanos + jitterNanos >= lifetimeNanos) {
                throw new IllegalArgumentException("a lifetime needs 0 < margin, 0 <= jitter, margin + jitter < lifetime;"
                        + " got " + lifetimeNanos + " ns, " + marginNanos + " ns, " + jitterNanos + " ns");
            }
        }

        /** {@code margin} null: 10 % of the lifetime, at least 30 s, at most half; {@code jitter} null: 5 %. */
        public static Span of(Duration lifetime, Duration margin, Duration jitter) {
            long life = lifetime.toNanos();
            return new Span(life, marginNanos(life, margin), jitterNanos(life, jitter));
        }

        /** The margin of a lifetime: {@code margin} if given, else the default. */
        public static long marginNanos(long lifetimeNanos, Duration margin) {
            return margin != null ? margin.toNanos()
                    : Math.min(Math.max(lifetimeNanos / 10, MIN_DEFAULT_MARGIN.toNanos()), lifetimeNanos / 2);
        }

        /** The jitter of a lifetime: {@code jitter} if given, else the default. */
        public static long jitterNanos(long lifetimeNanos, Duration jitter) {
            return jitter != null ? jitter.toNanos() : lifetimeNanos / 20;
        }

        /** The deadlines of an SA created at {@code nowNanos}; the jitter part is drawn from {@code random}. */
        Deadline from(long nowNanos, RandomGenerator random) {
            long jitter = jitterNanos == 0 ? 0 : random.nextLong(jitterNanos + 1);
            return new Deadline(nowNanos + lifetimeNanos - marginNanos - jitter, nowNanos + lifetimeNanos);
        }
    }

    /** The ESP limits of a new Child SA: the byte limit if any, and the usual sequence-number reserve. */
    EspLimits espLimits() {
        if (childSaBytes == 0) {
            return EspLimits.DEFAULT;
        }
        return new EspLimits(childSaBytes - childSaBytes / 10, childSaBytes, EspLimits.DEFAULT.sequenceReserve());
    }

    /**
     * When we start a rekey of one SA ({@code softNanos}) and when it is deleted if still not rekeyed
     * ({@code hardNanos}), on the engine's monotonic clock.
     */
    record Deadline(long softNanos, long hardNanos) {
        /** After a rekey attempt: try again at {@code nowNanos + delay} if the SA is still there, never past hard. */
        Deadline retryAfter(long nowNanos, long delayNanos) {
            return new Deadline(Math.min(nowNanos + delayNanos, hardNanos), hardNanos);
        }
    }
}
