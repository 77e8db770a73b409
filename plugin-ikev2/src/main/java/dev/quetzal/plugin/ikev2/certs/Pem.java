package dev.quetzal.plugin.ikev2.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM text (RFC 7468): certificates as {@code CERTIFICATE}, private keys as unencrypted PKCS#8
 * {@code PRIVATE KEY} (RFC 5958), which strongSwan, OpenSSL and the JDK all read. Reading also takes
 * OpenSSL's traditional {@code EC PRIVATE KEY} and {@code RSA PRIVATE KEY}, for a CA made elsewhere.
 */
final class Pem {
    private Pem() {}

    static byte[] certificate(X509Certificate certificate) throws CertificateEncodingException {
        return block("CERTIFICATE", certificate.getEncoded());
    }

    /** The key as PKCS#8; the caller writes it to a file only the owner can read. */
    static byte[] privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " key has no PKCS#8 encoding");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static byte[] block(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The first certificate in {@code text}. */
    static X509Certificate readCertificate(String text, String what) throws GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    return new JcaX509CertificateConverter().getCertificate(holder);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateException(what + " is not PEM: " + e.getMessage(), e);
        }
        throw new CertificateException(what + " holds no CERTIFICATE block");
    }

    /** The first private key in {@code text}; the message never shows key material. */
    static PrivateKey readPrivateKey(Reader text, String what) throws GeneralSecurityException {
        try (PEMParser parser = new PEMParser(text)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException(what + " is not a PEM private key (encrypted keys are not supported)");
        }
        throw new GeneralSecurityException(what + " holds no unencrypted PRIVATE KEY block");
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    static boolean belongsTo(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] probe = "quetzal certs key check".getBytes(StandardCharsets.US_ASCII);
        String algorithm = KeyType.signatureAlgorithmFor(key);
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a key of another curve or size
        }
    }
}
