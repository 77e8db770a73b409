package dev.quetzal.runtime.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS domain names as the route registry keeps them: lower case, without the trailing dot of the
 * absolute form (RFC 1034 §3.1), so {@code Corp.Example.} and {@code corp.example} are one domain.
 */
public final class DnsDomains {
    /** RFC 1035 §2.3.4: a label has at most 63 octets, a name at most 255 on the wire (253 as text). */
    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;

    private DnsDomains() {}

    /**
     * The canonical form of {@code domain}. Labels are letters, digits, hyphens and underscores (the
     * RFC 1123 §2.1 host names plus service labels such as {@code _msdcs}); internationalised names are
     * expected in their ASCII (A-label, {@code xn--}) form.
     *
     * @throws IllegalArgumentException naming the domain and what was expected
     */
    public static String normalise(String domain) {
        if (domain == null) {
            throw new IllegalArgumentException("expected a DNS domain name, got null");
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        name = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("expected a DNS domain name of 1.." + MAX_NAME + " characters, got "
                    + quote(domain));
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL) {
                    throw new IllegalArgumentException("expected DNS labels of 1.." + MAX_LABEL + " characters, got "
                            + quote(domain));
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("expected a DNS domain name of letters, digits, '-' and '_'"
                        + " (internationalised names in their xn-- form), got " + quote(domain));
            }
        }
        return name;
    }

    /** Every domain normalised, duplicates dropped, first occurrence first. */
    public static List<String> normaliseAll(Collection<String> domains) {
        Set<String> names = new LinkedHashSet<>();
        for (String domain : domains) {
            names.add(normalise(domain));
        }
        return List.copyOf(names);
    }

    // The text may come from anywhere: show control characters as escapes, not raw.
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
