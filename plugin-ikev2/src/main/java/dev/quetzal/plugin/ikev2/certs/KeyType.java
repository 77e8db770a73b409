package dev.quetzal.plugin.ikev2.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The key types {@code quetzal certs} makes: the ones IKEv2 clients authenticate with (RFC 7296 §3.8
 * methods 1 and 9-11, RFC 7427) and macOS, iOS and Windows accept.
 */
public enum KeyType {
    ECDSA_P256("ecdsa-p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    ECDSA_P384("ecdsa-p384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    RSA_3072("rsa-3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA");

    private final String option;
    private final String algorithm;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;

    KeyType(String option, String algorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
        this.option = option;
        this.algorithm = algorithm;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The value of {@code --key}. */
    public String option() {
        return option;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(parameters, random);
        return generator.generateKeyPair();
    }

    /** The {@code --key} value's type, if it names one. */
    public static Optional<KeyType> ofOption(String text) {
        return Arrays.stream(values()).filter(t -> t.option.equals(text)).findFirst();
    }

    /** "ecdsa-p256, ecdsa-p384 or rsa-3072", for messages. */
    public static String choices() {
        String all = Arrays.stream(values()).map(KeyType::option).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * The signature algorithm for certificates signed by {@code key}: SHA-384 for P-384 (RFC 5480 §4
     * pairs curve and hash), SHA-256 otherwise; a CA brought from elsewhere may have other RSA sizes.
     */
    public static String signatureAlgorithmFor(PrivateKey key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("the CA key is " + key.getAlgorithm() + "; expected an EC or RSA key");
    }
}
