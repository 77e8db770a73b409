package dev.quetzal.plugin.ikev2.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the names {@code quetzal certs} puts into certificates and file names: DNS names as RFC 1123
 * §2.1 allows them (ASCII, A-labels for IDNs), e-mail addresses with a conservative local part, and IP
 * literals. Names become file names too, so nothing here may contain a path separator.
 */
final class CertificateNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private CertificateNames() {}

    /** {@code name} lower-cased if it is a DNS name of at most 253 characters, else empty. */
    static Optional<String> dnsName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.length() > 253 || lower.startsWith(".") || lower.endsWith(".") || IPV4.matcher(lower).matches()) {
            return Optional.empty();
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(lower);
    }

    /** {@code local@domain} with the domain lower-cased, if it is one we can put in a file name, else empty. */
    static Optional<String> email(String name) {
        int at = name.indexOf('@');
        if (at <= 0 || at != name.lastIndexOf('@')) {
            return Optional.empty();
        }
        String local = name.substring(0, at);
        if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.empty();
        }
        return dnsName(name.substring(at + 1)).map(domain -> local + "@" + domain);
    }

    /** An IPv4 or IPv6 literal (never a host name lookup), else empty. */
    static Optional<InetAddress> ipLiteral(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Only literals reach this point (a bad one with ':' fails without a lookup), so no resolver is asked.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A subject common name: 1 to 64 characters (RFC 5280 ub-common-name), printable, no control characters. */
    static Optional<String> commonName(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.length() > 64 || stripped.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(stripped);
    }
}
