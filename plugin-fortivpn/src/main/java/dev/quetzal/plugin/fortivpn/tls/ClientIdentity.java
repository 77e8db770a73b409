package dev.quetzal.plugin.fortivpn.tls;

import dev.quetzal.api.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The client certificate and its key, presented whenever the FortiGate asks for one (like
 * OpenConnect's {@code -c/-k}, whatever CA names the server lists). Read with Bouncy Castle from PEM
 * (certificate chain; key as PKCS#8, encrypted PKCS#8 or traditional OpenSSL) or from PKCS#12.
 */
public final class ClientIdentity extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    /**
     * Used only to decrypt encrypted PEM keys, whose cipher names (AES/CBC/PKCS7Padding) SunJCE lacks;
     * an instance, not a registration, so no JVM-wide provider list changes.
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private ClientIdentity(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain.clone();
    }

    /**
     * @param certificate a PEM file (a chain, maybe with the key) or a PKCS#12 file
     * @param keyFile the PEM key when it is not in {@code certificate}; null otherwise
     * @param password for the PKCS#12 file or an encrypted key; may be null
     * @throws GeneralSecurityException with a message naming the file, never the password
     */
    public static ClientIdentity load(Path certificate, Path keyFile, Secret password)
            throws IOException, GeneralSecurityException {
        byte[] start = readStart(certificate);
        if (!new String(start, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            return fromPkcs12(certificate, password);
        }
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = readPem(certificate, chain, password);
        if (keyFile != null) {
            key = readPem(keyFile, new ArrayList<>(), password);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certificate + " holds no certificate");
        }
        if (key == null) {
            throw new GeneralSecurityException("no private key in " + (keyFile == null ? certificate : keyFile)
                    + (keyFile == null ? "; give clientCertificate.key" : ""));
        }
        return new ClientIdentity(key, chain.toArray(X509Certificate[]::new));
    }

    private static byte[] readStart(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4096);
        }
    }

    private static ClientIdentity fromPkcs12(Path file, Secret password) throws IOException, GeneralSecurityException {
        char[] chars = password == null ? new char[0] : password.reveal().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars);
        } catch (IOException e) {
            throw new GeneralSecurityException(file + " is neither PEM nor a PKCS#12 file this password opens", e);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            Key key = store.getKey(alias, chars);
            Certificate[] certificates = store.getCertificateChain(alias);
            if (key instanceof PrivateKey privateKey && certificates != null && certificates.length > 0) {
                X509Certificate[] chain = new X509Certificate[certificates.length];
                for (int i = 0; i < chain.length; i++) {
                    chain[i] = (X509Certificate) certificates[i];
                }
                java.util.Arrays.fill(chars, '\0');
                return new ClientIdentity(privateKey, chain);
            }
        }
        throw new GeneralSecurityException(file + " holds no private key with a certificate");
    }

    /** Adds the certificates of a PEM file to {@code chain} and returns its private key, or null. */
    private static PrivateKey readPem(Path file, List<X509Certificate> chain, Secret password)
            throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        PrivateKey key = null;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                switch (item) {
                    case X509CertificateHolder holder -> chain.add(certificates.getCertificate(holder));
                    case PEMKeyPair pair -> key = keys.getKeyPair(pair).getPrivate();
                    case PrivateKeyInfo info -> key = keys.getPrivateKey(info);
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> key = keys.getPrivateKey(
                            encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                    .setProvider(BOUNCY_CASTLE).build(requirePassword(password, file))));
                    case PEMEncryptedKeyPair encrypted -> key = keys.getKeyPair(
                            encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                    .setProvider(BOUNCY_CASTLE).build(requirePassword(password, file)))).getPrivate();
                    default -> {
                        // Parameters (EC PARAMETERS) and other blocks are not needed.
                    }
                }
            }
        } catch (PEMException | PKCSException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot read " + file + " (wrong password or damaged PEM): "
                    + e.getClass().getSimpleName(), e);
        }
        return key;
    }

    private static char[] requirePassword(Secret password, Path file) throws GeneralSecurityException {
        if (password == null) {
            throw new GeneralSecurityException("the key in " + file + " is encrypted; give clientCertificate.password");
        }
        return password.reveal().toCharArray();
    }

    /** The certificate presented, for logs (its subject, never the key). */
    public X509Certificate certificate() {
        return chain[0];
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return fits(keyTypes) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return fits(keyTypes) ? ALIAS : null;
    }

    private boolean fits(String[] keyTypes) {
        if (keyTypes == null) {
            return true;
        }
        String algorithm = key.getAlgorithm();
        for (String type : keyTypes) {
            if (type.equalsIgnoreCase(algorithm) || (algorithm.equals("RSA") && type.equals("RSASSA-PSS"))
                    || (algorithm.equals("EC") && type.startsWith("EC"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(new String[] {keyType}) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + chain[0].getSubjectX500Principal().getName() + "]";
    }
}
