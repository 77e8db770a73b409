package dev.quetzal.interop.openconnect;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and one client certificate (ECDSA P-256) as PEM files, for TLS client authentication. */
record TestCertificates(Path caPem, Path clientPem, Path clientKey) {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    static TestCertificates create(Path dir, String clientCommonName) throws Exception {
        KeyPair caKeys = ecKeys();
        KeyPair clientKeys = ecKeys();
        X500Name caName = new X500Name("CN=Quetzal interop test CA");
        Instant now = Instant.now();
        ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(caKeys.getPrivate());
        X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), caName,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(caSigner);
        X509CertificateHolder client = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + clientCommonName), clientKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .build(caSigner);
        TestCertificates files = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("client.pem"),
                dir.resolve("client-key.pem"));
        writePem(files.caPem(), ca);
        writePem(files.clientPem(), client);
        // PKCS#8 ("PRIVATE KEY"): GnuTLS reads it for any key type.
        writePem(files.clientKey(), new JcaPKCS8Generator(clientKeys.getPrivate(), null).generate());
        return files;
    }

    private static KeyPair ecKeys() throws Exception {
        // Bouncy Castle's encoding keeps the public key inside the private key, which GnuTLS 3.7 requires.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }
}
