package dev.quetzal.plugin.ikev2.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the certificates of a small IKEv2 PKI: a root CA, server certificates and client
 * certificates, with the extensions the clients built into macOS, iOS, Windows and Android
 * (strongSwan) check. Profiles follow RFC 5280 §4.2 and RFC 4945 §5.1.3 (IPsec PKI profile).
 *
 * <ul>
 *   <li>CA: basicConstraints CA:true critical (pathLen 0: it signs only end entities), keyUsage
 *       keyCertSign|cRLSign critical.</li>
 *   <li>Server: subjectAltName dNSName (and iPAddress when asked), EKU serverAuth (macOS, iOS and
 *       Windows require it), ipsecIKE (RFC 4945 §5.1.3.12) and iKEIntermediate (1.3.6.1.5.5.8.2.2,
 *       which older macOS and Windows look for), keyUsage digitalSignature, at most 825 days (the
 *       longest validity Apple accepts for server certificates since iOS 13 / macOS 10.15).</li>
 *   <li>Client: subjectAltName rfc822Name for an e-mail identity, else dNSName, EKU clientAuth,
 *       keyUsage digitalSignature, 825 days.</li>
 * </ul>
 *
 * Certificates start one hour in the past, so a client whose clock is slightly behind accepts them.
 * Bouncy Castle is used as an object, never registered as a JVM-wide provider.
 */
public final class CertificateIssuer {
    /** Longest end-entity validity, notBefore to notAfter: Apple's limit for server certificates. */
    public static final Duration MAX_LEAF_VALIDITY = Duration.ofDays(825);
    /** Validity of a new CA. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How far notBefore lies before now, for clients with slow clocks. */
    static final Duration BACKDATE = Duration.ofHours(1);

    /** id-kp-ipsecIKE, RFC 4945 §5.1.3.12. */
    public static final KeyPurposeId IPSEC_IKE = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.17"));
    /** iKEIntermediate (IETF draft, used by Microsoft and Apple). */
    public static final KeyPurposeId IKE_INTERMEDIATE = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.5.8.2.2"));

    private final Clock clock;
    private final SecureRandom random;
    private final Provider bouncyCastle = new BouncyCastleProvider();

    public CertificateIssuer(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A self-signed root CA named {@code CN=commonName}. */
    public CertifiedKey createAuthority(String commonName, KeyType keyType) throws GeneralSecurityException {
        KeyPair keys = keyType.generate(random);
        X500Name subject = name(commonName);
        Instant notBefore = clock.instant().minus(BACKDATE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                Date.from(notBefore.plus(CA_VALIDITY)), subject, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode a CA extension", e);
        }
        return new CertifiedKey(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    /**
     * A server certificate for {@code dnsName} (subject CN and the first dNSName), with {@code
     * extraNames} added to subjectAltName.
     */
    public CertifiedKey issueServer(CertifiedKey authority, String dnsName, List<SubjectAltName> extraNames, KeyType keyType)
            throws GeneralSecurityException {
        List<SubjectAltName> names = new ArrayList<>();
        names.add(new SubjectAltName.Dns(dnsName));
        extraNames.stream().filter(name -> !names.contains(name)).forEach(names::add);
        KeyPurposeId[] purposes = {KeyPurposeId.id_kp_serverAuth, IPSEC_IKE, IKE_INTERMEDIATE};
        return issueLeaf(authority, dnsName, names, purposes, keyType);
    }

    /** A client certificate whose identity is an e-mail address or a DNS name (its kind picks the SAN type). */
    public CertifiedKey issueClient(CertifiedKey authority, SubjectAltName identity, KeyType keyType) throws GeneralSecurityException {
        String commonName = switch (identity) {
            case SubjectAltName.Email email -> email.address();
            case SubjectAltName.Dns dns -> dns.name();
            case SubjectAltName.Ip ip -> throw new IllegalArgumentException("a client identity is an e-mail address or a name");
        };
        return issueLeaf(authority, commonName, List.of(identity), new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, keyType);
    }

    private CertifiedKey issueLeaf(CertifiedKey authority, String commonName, List<SubjectAltName> names,
            KeyPurposeId[] purposes, KeyType keyType) throws GeneralSecurityException {
        KeyPair keys = keyType.generate(random);
        X509Certificate ca = authority.certificate();
        Instant notBefore = clock.instant().minus(BACKDATE);
        Instant notAfter = notBefore.plus(MAX_LEAF_VALIDITY);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant(); // outliving the CA would only make the chain fail later
        }
        if (!notAfter.isAfter(clock.instant())) {
            throw new GeneralSecurityException("the CA expired on " + ca.getNotAfter().toInstant());
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore), Date.from(notAfter),
                name(commonName), keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        GeneralName[] altNames = names.stream().map(SubjectAltName::toGeneralName).toArray(GeneralName[]::new);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode a certificate extension", e);
        }
        return new CertifiedKey(sign(builder, authority.privateKey()), keys.getPrivate());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(issuerKey))
                    .setProvider(bouncyCastle)
                    .setSecureRandom(random)
                    .build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the " + issuerKey.getAlgorithm() + " key", e);
        }
    }

    /** Positive, non-zero and at most 20 octets, with 126 bits of randomness (RFC 5280 §4.1.2.2). */
    private BigInteger serial() {
        return new BigInteger(126, random).setBit(126);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }
}
