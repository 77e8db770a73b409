package dev.quetzal.plugin.ikev2.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Whether an ID payload names the certificate's owner (RFC 7296 §3.5, RFC 4945 §3.1): ID_RFC822_ADDR must equal an
 * rfc822Name SAN, ID_FQDN a dNSName SAN (case-insensitive), ID_IPV4_ADDR/ID_IPV6_ADDR an iPAddress SAN, and
 * ID_DER_ASN1_DN the subject DN. Other ID types cannot be tied to a certificate and never match.
 */
public final class IdentityMatcher {
    private IdentityMatcher() {
    }

    /** Empty when the ID matches; otherwise one line saying why not. */
    public static Optional<String> mismatch(Identification id, X509Certificate certificate) {
        byte[] data = id.data();
        return switch (id.type()) {
            case Identification.ID_FQDN -> sanMatches(certificate, GeneralName.dNSName, data, true);
            case Identification.ID_RFC822_ADDR -> sanMatches(certificate, GeneralName.rfc822Name, data, false);
            case Identification.ID_IPV4_ADDR, Identification.ID_IPV6_ADDR -> {
                int expected = id.type() == Identification.ID_IPV4_ADDR ? 4 : 16;
                yield data.length != expected
                        ? Optional.of("ID type " + id.type() + " carries " + data.length + " octets, not " + expected)
                        : sanMatches(certificate, GeneralName.iPAddress, data, false);
            }
            case Identification.ID_DER_ASN1_DN -> subjectMatches(certificate, data);
            default -> Optional.of("ID type " + id.type() + " cannot be matched against a certificate");
        };
    }

    private static Optional<String> subjectMatches(X509Certificate certificate, byte[] der) {
        X500Principal claimed;
        try {
            claimed = new X500Principal(der);
        } catch (IllegalArgumentException e) {
            return Optional.of("ID_DER_ASN1_DN is not a DER distinguished name");
        }
        // X500Principal compares canonical forms (case and spacing of attribute values folded).
        return claimed.equals(certificate.getSubjectX500Principal())
                ? Optional.empty()
                : Optional.of("ID " + claimed.getName() + " is not the subject " + certificate.getSubjectX500Principal()
                        .getName());
    }

    private static Optional<String> sanMatches(X509Certificate certificate, int tag, byte[] id, boolean ignoreCase) {
        GeneralNames names;
        try {
            names = GeneralNames.fromExtensions(new X509CertificateHolder(certificate.getEncoded()).getExtensions(),
                    Extension.subjectAlternativeName);
        } catch (IOException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return Optional.of("subjectAltName cannot be read");
        }
        String shown = describe(tag, id);
        if (names == null) {
            return Optional.of("certificate has no subjectAltName for ID " + shown);
        }
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == tag && equal(name, id, ignoreCase)) {
                return Optional.empty();
            }
        }
        return Optional.of("no subjectAltName of the certificate equals ID " + shown);
    }

    private static boolean equal(GeneralName name, byte[] id, boolean ignoreCase) {
        if (name.getTagNo() == GeneralName.iPAddress) {
            return Arrays.equals(ASN1OctetString.getInstance(name.getName()).getOctets(), id);
        }
        String san = ((ASN1String) name.getName()).getString();
        String claimed = new String(id, StandardCharsets.US_ASCII);
        if (ignoreCase) {
            return san.equalsIgnoreCase(claimed);
        }
        // rfc822Name: the local part is compared exactly, the host part case-insensitively (RFC 5280 §7.5).
        int at = san.lastIndexOf('@');
        int claimedAt = claimed.lastIndexOf('@');
        return at >= 0 && at == claimedAt && san.regionMatches(0, claimed, 0, at)
                && san.substring(at).equalsIgnoreCase(claimed.substring(at));
    }

    private static String describe(int tag, byte[] id) {
        if (tag != GeneralName.iPAddress) {
            // Printable ASCII only, so a hostile ID cannot forge log lines.
            StringBuilder out = new StringBuilder();
            for (byte b : id) {
                out.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
            }
            return out.toString();
        }
        try {
            return java.net.InetAddress.getByAddress(id).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return java.util.HexFormat.of().formatHex(id);
        }
    }
}
