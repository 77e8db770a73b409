package dev.quetzal.plugin.ikev2.certs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The folder {@code quetzal certs ca} writes: {@value #CERTIFICATE} and {@value #KEY}. Loading checks
 * that the certificate is a CA that may sign certificates (RFC 5280 §4.2.1.9 and §4.2.1.3) and that
 * the key belongs to it, so a mix-up fails here rather than in a client's chain check.
 */
final class AuthorityFolder {
    static final String CERTIFICATE = "ca.pem";
    static final String KEY = "ca-key.pem";

    private AuthorityFolder() {}

    static CertifiedKey load(Path folder) throws CertsFailure {
        Path certificateFile = folder.resolve(CERTIFICATE);
        Path keyFile = folder.resolve(KEY);
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Pem.readCertificate(Files.readString(certificateFile, StandardCharsets.US_ASCII), certificateFile.toString());
            try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII)) {
                key = Pem.readPrivateKey(reader, keyFile.toString());
            }
        } catch (NoSuchFileException e) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: " + e.getFile() + " does not exist; make a CA with"
                    + " \"quetzal certs ca --out " + folder + "\"");
        } catch (IOException e) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: cannot read " + folder + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: " + e.getMessage());
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: " + certificateFile + " is not a CA certificate (no basicConstraints CA:true)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[5]) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: " + certificateFile + " may not sign certificates (keyUsage lacks keyCertSign)");
        }
        try {
            if (!Pem.belongsTo(key, certificate)) {
                throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: " + keyFile + " is not the key of " + certificateFile);
            }
        } catch (GeneralSecurityException e) {
            throw new CertsFailure(CertsFailure.BAD_INPUT, "--ca: cannot use " + keyFile + ": " + e.getMessage());
        }
        return new CertifiedKey(certificate, key);
    }
}
