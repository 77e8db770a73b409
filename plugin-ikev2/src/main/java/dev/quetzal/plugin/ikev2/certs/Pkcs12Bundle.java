package dev.quetzal.plugin.ikev2.certs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * A PKCS#12 file (RFC 7292) that the certificate importers of macOS, iOS (before 17 too), Windows
 * and Android accept: the key in a shrouded key bag and the certificates in an encrypted safe, both
 * with pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 App. C), and an HMAC-SHA-1 MAC (§5), as {@code
 * openssl pkcs12 -export -legacy} writes it. Newer AES/PBES2 files fail to import on older Apple
 * systems with a misleading "wrong password". Each bag carries a friendlyName (the name the OS shows)
 * and the key and its certificate share a localKeyId (PKCS#9), so importers pair them.
 */
final class Pkcs12Bundle {
    /** PBE and MAC iterations: OpenSSL's default. */
    static final int ITERATIONS = 2048;

    private final Provider bouncyCastle = new BouncyCastleProvider();
    private final SecureRandom random;

    Pkcs12Bundle(SecureRandom random) {
        this.random = random;
    }

    /** The DER bytes of a file holding {@code client}'s key, its certificate and the CA certificate. */
    byte[] encode(CertifiedKey client, String friendlyName, X509Certificate authority, String authorityName, char[] password)
            throws GeneralSecurityException {
        try {
            SubjectKeyIdentifier localKeyId =
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(client.certificate().getPublicKey());

            PKCS12SafeBagBuilder certificateBag = new JcaPKCS12SafeBagBuilder(client.certificate());
            certificateBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            certificateBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            PKCS12SafeBagBuilder authorityBag = new JcaPKCS12SafeBagBuilder(authority);
            authorityBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(authorityName));

            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(client.privateKey(), encryptor(password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password), new PKCS12SafeBag[] {certificateBag.build(), authorityBag.build()});
            pfx.addData(keyBag.build());
            JcePKCS12MacCalculatorBuilder mac = new JcePKCS12MacCalculatorBuilder(OIWObjectIdentifiers.idSHA1)
                    .setProvider(bouncyCastle)
                    .setIterationCount(ITERATIONS);
            return pfx.build(mac, password).getEncoded(ASN1Encoding.DER);
        } catch (IOException | OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException("cannot build the PKCS#12 file: " + e.getMessage(), e);
        }
    }

    private OutputEncryptor encryptor(char[] password) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setProvider(bouncyCastle)
                .setRandom(random)
                .setIterationCount(ITERATIONS)
                .build(password);
    }
}
