package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.plugin.ikev2.auth.Identification;
import dev.quetzal.plugin.ikev2.auth.OwnCredential;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the frontend's PEM files (RFC 7468): our chain, our key and the client CAs. Every failure is a
 * {@link CredentialFileException} naming the config field, the file and the problem; key material never appears in
 * a message.
 */
public final class CredentialFiles {
    private CredentialFiles() {}

    /** Our key and chain (leaf first); the key must belong to the leaf. */
    public static OwnCredential credential(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates("certificate", certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongsTo(key, chain.getFirst())) {
            throw new CredentialFileException("key", keyFile, "the key does not belong to the first certificate of "
                    + certificateFile);
        }
        return new OwnCredential(key, chain);
    }

    /** Every CERTIFICATE block of {@code file}, in order; at least one. */
    public static List<X509Certificate> certificates(String field, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        Reader text = reader(field, file);
        try (PEMParser parser = new PEMParser(text)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new CredentialFileException(field, file, "not readable as PEM certificates: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new CredentialFileException(field, file, "holds no CERTIFICATE block");
        }
        return List.copyOf(out);
    }

    /** The first private key of {@code file} (PKCS#8, or OpenSSL's traditional RSA/EC form). */
    public static PrivateKey privateKey(Path file) {
        Reader text = reader("key", file);
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
            // The parser's message may quote the input: say only what kind of problem it is.
            throw new CredentialFileException("key", file, "not a readable PEM private key ("
                    + e.getClass().getSimpleName() + "); encrypted keys are not supported");
        }
        throw new CredentialFileException("key", file, "holds no unencrypted PRIVATE KEY block");
    }

    /** {@code configured} as ID_FQDN, else the first dNSName SAN of {@code leaf} (RFC 7296 §3.5). */
    public static Identification identity(String configured, X509Certificate leaf, Path certificateFile) {
        if (configured != null) {
            return Identification.fqdn(configured);
        }
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> name : leaf.getSubjectAlternativeNames()) {
                    if (name.size() >= 2 && Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns) {
                        return Identification.fqdn(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CredentialFileException("certificate", certificateFile, "its subjectAltName does not parse");
        }
        throw new CredentialFileException("identity", certificateFile,
                "not set, and the certificate has no DNS name to use instead; set identity");
    }

    private static Reader reader(String field, Path file) {
        try {
            return Files.newBufferedReader(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CredentialFileException(field, file, "cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    public static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "quetzal ikev2 key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
