package dev.quetzal.plugin.ikev2.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A client's files as {@code quetzal certs client --out DIR --name NAME} writes them: {@code NAME.pem}, {@code
 * NAME-key.pem}, {@code NAME.p12} and {@code ca.pem} in DIR. The profile copies them; only the certificates are
 * parsed (the key and the PKCS#12 stay opaque, so no password is needed).
 *
 * @param name the file name stem
 * @param identity the client's IKE identity: the certificate's rfc822Name or dNSName (what {@code quetzal certs}
 *     put there; strongSwan and Apple send it as ID_RFC822_ADDR or ID_FQDN)
 */
record ClientBundle(String name, String identity, byte[] certificatePem, byte[] keyPem, byte[] pkcs12, byte[] caPem,
        X509Certificate certificate, X509Certificate ca) {
    static final String CA_FILE = "ca.pem";

    /** Reads {@code client} ({@code DIR/NAME}, or NAME in the working directory). */
    static ClientBundle load(Path client) throws ProfileFailure {
        Path folder = client.toAbsolutePath().getParent();
        String name = client.getFileName().toString();
        byte[] certificate = read(folder.resolve(name + ".pem"));
        byte[] key = read(folder.resolve(name + "-key.pem"));
        byte[] p12 = read(folder.resolve(name + ".p12"));
        byte[] caPem = read(folder.resolve(CA_FILE));
        X509Certificate parsed = parse(certificate, folder.resolve(name + ".pem"));
        X509Certificate ca = parse(caPem, folder.resolve(CA_FILE));
        String identity = identity(parsed).orElseThrow(() -> new ProfileFailure(ProfileFailure.BAD_INPUT,
                "--client: " + folder.resolve(name + ".pem") + " has no e-mail address or DNS name to use as identity"));
        return new ClientBundle(name, identity, certificate, key, p12, caPem, parsed, ca);
    }

    /** Whether the CA signed {@code certificate}: devices trust only this CA for the gateway too. */
    boolean caSigned(X509Certificate certificate) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<String> identity(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            for (List<?> entry : names) {
                int type = (Integer) entry.get(0);
                if (type == 1 || type == 2) { // rfc822Name, dNSName (RFC 5280 §4.2.1.6)
                    return Optional.of((String) entry.get(1));
                }
            }
            return Optional.empty();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(Path file) throws ProfileFailure {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "--client: " + file + " does not exist; make the client's"
                    + " files with \"quetzal certs client\"");
        } catch (IOException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "--client: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static X509Certificate parse(byte[] pem, Path file) throws ProfileFailure {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (GeneralSecurityException e) {
            throw new ProfileFailure(ProfileFailure.BAD_INPUT, "--client: " + file + " is not a PEM certificate");
        }
    }
}
