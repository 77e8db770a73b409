package dev.quetzal.plugin.ikev2.auth;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One of our identities: a private key and its chain, leaf first, optionally ending with the self-signed root. The
 * key never appears in {@link #toString()}.
 */
public record OwnCredential(PrivateKey privateKey, List<X509Certificate> chain) {
    public OwnCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least its own certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    @Override
    public String toString() {
        return "OwnCredential[" + leaf().getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificates, private key hidden]";
    }
}
