package dev.quetzal.emulator.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads PEM certificates and unencrypted private keys (PKCS#8, or traditional RSA/EC) with Bouncy Castle. */
public final class PemFiles {
    private PemFiles() {}

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a valid certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + ": no PEM certificate found");
        }
        return certificates;
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        // The message names the file only: key material never reaches an exception.
        throw new IOException(file + ": no unencrypted PEM private key found");
    }

    /** Writes certificates as PEM, for the command's --print-pin users and for tests. */
    public static String toPem(X509Certificate certificate) {
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(text)) {
                writer.writeObject(certificate);
            }
            return text.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate as PEM", e);
        }
    }
}
