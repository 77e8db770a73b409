package dev.quetzal.plugin.ikev2.auth;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/** The kinds of signing key that IKE authentication methods name (RFC 7296 §3.8, RFC 4754 §3). */
public enum KeyType {
    RSA,
    EC_P256,
    EC_P384,
    EC_P521,
    OTHER;

    private static final ECParameterSpec P256 = curve("secp256r1");
    private static final ECParameterSpec P384 = curve("secp384r1");
    private static final ECParameterSpec P521 = curve("secp521r1");

    /** Classifies a public or private key; curves are recognised by their parameters, not by a name string. */
    public static KeyType of(Key key) {
        if (key instanceof RSAKey) {
            return RSA;
        }
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            if (sameCurve(params, P256)) {
                return EC_P256;
            }
            if (sameCurve(params, P384)) {
                return EC_P384;
            }
            if (sameCurve(params, P521)) {
                return EC_P521;
            }
        }
        return OTHER;
    }

    boolean isEc() {
        return this == EC_P256 || this == EC_P384 || this == EC_P521;
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a != null && a.getOrder().equals(b.getOrder()) && a.getCurve().equals(b.getCurve())
                && a.getGenerator().equals(b.getGenerator());
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + name, e);
        }
    }
}
