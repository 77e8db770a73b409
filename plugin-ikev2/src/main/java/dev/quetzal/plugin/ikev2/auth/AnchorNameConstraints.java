package dev.quetzal.plugin.ikev2.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Applies the trust anchor's own nameConstraints extension to the path below it. RFC 5280 §6.1.1 lets an anchor
 * carry constraints, and CAs made for IKE often do (pterodapter's docs/certs.md), but the JDK's PKIX validator
 * refuses TrustAnchors with constraints and ignores the extension in the anchor certificate; constraints of
 * intermediate CAs are left to the JDK. Names checked as RFC 5280 §6.1.3 (b)-(c) says: subject DN, e-mail addresses
 * in the subject, and every subjectAltName; self-issued intermediates are skipped.
 */
final class AnchorNameConstraints {
    private AnchorNameConstraints() {
    }

    /** Empty when every name is inside the anchor's constraints (or it has none); else which certificate is not. */
    static Optional<X509Certificate> violation(X509Certificate anchor, List<X509Certificate> path) {
        byte[] extension = anchor.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null) {
            return Optional.empty();
        }
        NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        if (constraints.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
        }
        if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
                validator.addExcludedSubtree(excluded);
            }
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            boolean selfIssued = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
            if (i > 0 && selfIssued) {
                continue;
            }
            try {
                check(validator, certificate);
            } catch (NameConstraintValidatorException | java.io.IOException
                    | java.security.cert.CertificateEncodingException | RuntimeException e) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    private static void check(PKIXNameConstraintValidator validator, X509Certificate certificate)
            throws NameConstraintValidatorException, java.io.IOException,
            java.security.cert.CertificateEncodingException {
        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        X500Name subject = holder.getSubject();
        if (subject.getRDNs().length > 0) {
            validator.checkPermittedDN(subject);
            validator.checkExcludedDN(subject);
        }
        for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                GeneralName email = new GeneralName(GeneralName.rfc822Name,
                        ((ASN1String) value.getValue()).getString());
                validator.checkPermitted(email);
                validator.checkExcluded(email);
            }
        }
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                validator.checkPermitted(name);
                validator.checkExcluded(name);
            }
        }
    }
}
