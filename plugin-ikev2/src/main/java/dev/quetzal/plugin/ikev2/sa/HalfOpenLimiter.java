package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.message.IkeMessage;
import dev.quetzal.plugin.ikev2.message.NoncePayload;
import dev.quetzal.plugin.ikev2.message.NotifyPayload;
import dev.quetzal.plugin.ikev2.message.NotifyType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an IKE_SA_INIT request may create a half-open IKE SA (RFC 7296 §2.6): once the half-open SAs reach
 * the cookie threshold, only a request that returns a valid COOKIE does, and the others get a COOKIE and leave no state
 * behind; then the per-source rate and the cap on half-open SAs. The rate is counted in one-second windows per source
 * address, kept only for requests that passed the cookie check and never more than {@code maxHalfOpen} of them.
 * Cookies stop when the half-open SAs fall to half the threshold, so the mode does not flap at its edge. Memory per
 * half-open SA: the IKE SA with its keys, nonces and response (about 4.7 KiB measured with strongSwan's 264-octet
 * request) plus its request, at most {@link #MAX_INIT_REQUEST} octets.
 */
final class HalfOpenLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(HalfOpenLimiter.class);
    static final long WINDOW_NANOS = 1_000_000_000L;
    /**
     * The largest IKE_SA_INIT request that may create a half-open SA: it is kept until IKE_AUTH (AUTH signs it,
     * §2.15), so this bounds a half-open SA to about this plus 5 KiB. A modp8192 KE and every proposal we know fit.
     */
    static final int MAX_INIT_REQUEST = 4096;

    /** What to do with one IKE_SA_INIT request. */
    sealed interface Admission {
        /** Go on and answer it. */
        record Admit() implements Admission {
        }

        /** Answer only with this cookie (§2.6), keep nothing. */
        record Challenge(byte[] cookie) implements Admission {
        }

        /** Drop it; {@code counter} names why. */
        record Refuse(String counter, String reason) implements Admission {
        }
    }

    private static final Admission ADMIT = new Admission.Admit();

    private final DosPolicy policy;
    private final CookieChallenge cookies;
    private final UnprotectedReplies unprotected;
    private final Counters counters;
    private final LongSupplier clock;
    private final AtomicBoolean engaged = new AtomicBoolean();
    /** Per source address: start of its current window and the requests admitted in it. */
    private final ConcurrentHashMap<InetAddress, long[]> windows = new ConcurrentHashMap<>();

    HalfOpenLimiter(DosPolicy policy, CookieChallenge cookies, UnprotectedReplies unprotected, Counters counters,
            LongSupplier nanoClock) {
        this.policy = policy;
        this.cookies = cookies;
        this.unprotected = unprotected;
        this.counters = counters;
        this.clock = nanoClock;
    }

    /** Whether the request may go on; if not, it got its COOKIE answer or its drop was counted. */
    boolean admits(IkeMessage request, InetSocketAddress peer, InetSocketAddress local, int halfOpen) {
        switch (admit(request, peer.getAddress(), halfOpen)) {
            case Admission.Challenge challenge -> unprotected.cookie(request.header(), challenge.cookie(), peer, local);
            case Admission.Refuse refuse -> counters.drop(refuse.counter(), refuse.reason());
            case Admission.Admit admit -> {
                return true;
            }
        }
        return false;
    }

    /** {@code halfOpen}: the half-open SAs now. */
    Admission admit(IkeMessage request, InetAddress source, int halfOpen) {
        update(halfOpen);
        if (request.header().length() > MAX_INIT_REQUEST) {
            return new Admission.Refuse("init_too_large", source + ": IKE_SA_INIT of " + request.header().length()
                    + " octets, more than " + MAX_INIT_REQUEST);
        }
        Optional<NoncePayload> nonce = request.first(NoncePayload.class);
        if (engaged.get() && nonce.isEmpty()) {
            // No Ni, no cookie to compute: dropped here, before the rate window would keep anything for the source.
            return new Admission.Refuse("init_missing_payload", source + ": IKE_SA_INIT without Ni");
        }
        if (engaged.get()) {
            byte[] ni = nonce.get().nonce().toByteArray();
            long spiI = request.header().initiatorSpi();
            Optional<NotifyPayload> returned = request.notify(NotifyType.COOKIE);
            if (returned.isEmpty() || !cookies.valid(returned.get().data().toByteArray(), ni, source, spiI)) {
                if (returned.isPresent()) {
                    counters.drop("cookie_invalid", source + ": COOKIE does not verify, sending a new one");
                }
                counters.count("cookie_sent");
                return new Admission.Challenge(cookies.cookie(ni, source, spiI));
            }
            counters.count("cookie_valid");
        }
        if (halfOpen >= policy.maxHalfOpen()) {
            return new Admission.Refuse("init_refused_half_open_cap", source + ": " + halfOpen
                    + " half-open IKE SAs, the most allowed");
        }
        if (!withinRate(source)) {
            return new Admission.Refuse("init_refused_rate", source + ": more than " + policy.initRatePerSource()
                    + " IKE_SA_INIT a second");
        }
        return ADMIT;
    }

    private boolean withinRate(InetAddress source) {
        long now = clock.getAsLong();
        if (windows.size() >= policy.maxHalfOpen() && !windows.containsKey(source)) {
            return false;
        }
        long[] window = windows.compute(source, (k, w) -> {
            if (w == null || now - w[0] >= WINDOW_NANOS) {
                return new long[] {now, 1};
            }
            w[1]++;
            return w;
        });
        return window[1] <= policy.initRatePerSource();
    }

    /** On each tick: forgets finished rate windows and turns cookies off once the half-open SAs fell. */
    void tick(long nowNanos, int halfOpen) {
        windows.values().removeIf(w -> nowNanos - w[0] >= WINDOW_NANOS);
        update(halfOpen);
    }

    private void update(int halfOpen) {
        if (halfOpen >= policy.cookieThreshold()) {
            if (engaged.compareAndSet(false, true)) {
                LOG.warn("IKE_SA_INIT cookies on: {} half-open IKE SAs, threshold {} (RFC 7296 §2.6)", halfOpen,
                        policy.cookieThreshold());
            }
        } else if (halfOpen < Math.max(1, policy.cookieThreshold() / 2) && engaged.compareAndSet(true, false)) {
            LOG.warn("IKE_SA_INIT cookies off: {} half-open IKE SAs, threshold {}", halfOpen, policy.cookieThreshold());
        }
    }

    boolean cookiesOn() {
        return engaged.get();
    }

    /** Source addresses with a rate window open (at most maxHalfOpen). */
    int trackedSources() {
        return windows.size();
    }

    Map<String, Object> status(int halfOpen) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("halfOpen", halfOpen);
        out.put("cookiesOn", engaged.get());
        out.put("cookieThreshold", policy.cookieThreshold());
        out.put("maxHalfOpen", policy.maxHalfOpen());
        out.put("initRatePerSource", policy.initRatePerSource());
        out.put("trackedSources", windows.size());
        return out;
    }
}
