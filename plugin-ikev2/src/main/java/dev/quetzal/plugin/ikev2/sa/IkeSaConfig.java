package dev.quetzal.plugin.ikev2.sa;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What one side of an IKE SA needs, role-neutral: our credentials and identity (IDr of a responder, IDi of an
 * initiator), the trust anchors for the peer's chain, the proposal policy and the clock for certificate validity.
 *
 * @param requestIpv6 an initiator also asks for INTERNAL_IP6_ADDRESS in its CFG_REQUEST
 * @param lifetimes when our IKE and Child SAs are rekeyed and when they expire
 * @param dos the responder's limits on half-open IKE SAs and its cookies (RFC 7296 §2.6)
 * @param mobike offer or accept MOBIKE (RFC 4555 §3.1) in IKE_AUTH
 */
public record IkeSaConfig(List<OwnCredential> credentials, Identification localId, List<X509Certificate> trustAnchors,
        ProposalPolicy policy, Clock clock, boolean requestIpv6, SaLifetimes lifetimes, DosPolicy dos,
        boolean mobike) {
    /** With MOBIKE on. */
    public IkeSaConfig(List<OwnCredential> credentials, Identification localId, List<X509Certificate> trustAnchors,
            ProposalPolicy policy, Clock clock, boolean requestIpv6, SaLifetimes lifetimes, DosPolicy dos) {
        this(credentials, localId, trustAnchors, policy, clock, requestIpv6, lifetimes, dos, true);
    }

    /** With the default DoS limits. */
    public IkeSaConfig(List<OwnCredential> credentials, Identification localId, List<X509Certificate> trustAnchors,
            ProposalPolicy policy, Clock clock, boolean requestIpv6, SaLifetimes lifetimes) {
        this(credentials, localId, trustAnchors, policy, clock, requestIpv6, lifetimes, DosPolicy.DEFAULT);
    }

    /** With the default lifetimes. */
    public IkeSaConfig(List<OwnCredential> credentials, Identification localId, List<X509Certificate> trustAnchors,
            ProposalPolicy policy, Clock clock, boolean requestIpv6) {
        this(credentials, localId, trustAnchors, policy, clock, requestIpv6, SaLifetimes.DEFAULT);
    }

    public IkeSaConfig {
        Objects.requireNonNull(lifetimes, "lifetimes");
        Objects.requireNonNull(dos, "dos");
        credentials = List.copyOf(credentials);
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("an IKE SA needs at least one credential");
        }
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("an IKE SA needs at least one trust anchor for the peer's chain");
        }
    }

    /** The same settings with other lifetimes. */
    public IkeSaConfig withLifetimes(SaLifetimes other) {
        return new IkeSaConfig(credentials, localId, trustAnchors, policy, clock, requestIpv6, other, dos, mobike);
    }

    /** The same settings with other DoS limits. */
    public IkeSaConfig withDos(DosPolicy other) {
        return new IkeSaConfig(credentials, localId, trustAnchors, policy, clock, requestIpv6, lifetimes, other, mobike);
    }

    /** The same settings with MOBIKE on or off. */
    public IkeSaConfig withMobike(boolean on) {
        return new IkeSaConfig(credentials, localId, trustAnchors, policy, clock, requestIpv6, lifetimes, dos, on);
    }
}
