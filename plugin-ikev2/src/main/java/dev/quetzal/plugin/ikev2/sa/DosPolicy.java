package dev.quetzal.plugin.ikev2.sa;

/**
 * How the responder protects itself from IKE_SA_INIT floods (RFC 7296 §2.6): at {@code cookieThreshold} half-open IKE
 * SAs every new IKE_SA_INIT must return a COOKIE first; no more than {@code maxHalfOpen} half-open SAs at once; no
 * more than {@code initRatePerSource} IKE_SA_INIT requests a second from one source address get an SA.
 *
 * @param cookieThreshold half-open SAs at which cookies are required, 0 for always
 */
public record DosPolicy(int cookieThreshold, int maxHalfOpen, int initRatePerSource) {
    /** Cookies from 50 half-open SAs on, at most 5000 of them, 20 IKE_SA_INIT a second per source. */
    public static final DosPolicy DEFAULT = new DosPolicy(50, 5000, 20);

    public DosPolicy {
        if (maxHalfOpen < 1 || cookieThreshold < 0 || cookieThreshold > maxHalfOpen || initRatePerSource < 1) {
            throw new IllegalArgumentException("a DoS policy needs 0 <= cookieThreshold <= maxHalfOpen, 1 <= maxHalfOpen"
                    + " and 1 <= initRatePerSource; got " + cookieThreshold + ", " + maxHalfOpen + ", "
                    + initRatePerSource);
        }
    }
}
