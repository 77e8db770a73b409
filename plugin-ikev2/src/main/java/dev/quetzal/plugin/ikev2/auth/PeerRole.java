package dev.quetzal.plugin.ikev2.auth;

import java.util.Set;

/**
 * Which side the peer's certificate belongs to, deciding the Extended Key Usages accepted when the extension is
 * present (RFC 4945 §5.1.3.12; RFC 4809 for id-kp-ipsecIKE). A responder checks CLIENT certificates, an initiator
 * SERVER ones.
 */
public enum PeerRole {
    CLIENT(Set.of(PeerRole.CLIENT_AUTH, PeerRole.IPSEC_IKE, PeerRole.ANY_EXTENDED_KEY_USAGE)),
    SERVER(Set.of(PeerRole.SERVER_AUTH, PeerRole.IPSEC_IKE, PeerRole.ANY_EXTENDED_KEY_USAGE));

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String IPSEC_IKE = "1.3.6.1.5.5.7.3.17";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final Set<String> acceptedUsages;

    PeerRole(Set<String> acceptedUsages) {
        this.acceptedUsages = acceptedUsages;
    }

    /** OIDs of which at least one must be listed when the certificate has an EKU extension. */
    public Set<String> acceptedUsages() {
        return acceptedUsages;
    }
}
