package dev.quetzal.plugin.splitdns;

import java.util.Collection;
import java.util.Locale;

/**
 * DNS names as the filter compares them: lower case, without the trailing dot (RFC 1035 §2.3.3:
 * comparisons ignore case), matched on label boundaries.
 */
public final class DomainName {
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private DomainName() {}

    /** Lower case and without a trailing dot. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * True for a name of letters, digits, hyphens and underscores in labels of 1..63 characters
     * (RFC 1035 §2.3.1, relaxed for the underscores of service names), at most 253 characters.
     */
    public static boolean isValid(String name) {
        String n = normalize(name);
        if (n.isEmpty() || n.length() > MAX_NAME) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.') {
                if (labelLength == 0 || n.charAt(i - 1) == '-') {
                    return false;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || (c == '-' && labelLength > 0)) {
                if (++labelLength > MAX_LABEL) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0 && n.charAt(n.length() - 1) != '-';
    }

    /** True when {@code name} is {@code domain} or a name below it; both normalized. */
    public static boolean isUnder(String name, String domain) {
        if (!name.endsWith(domain)) {
            return false;
        }
        int rest = name.length() - domain.length();
        return rest == 0 || name.charAt(rest - 1) == '.';
    }

    /** The longest of {@code domains} that {@code name} is under, or null. */
    public static String longestMatch(String name, Collection<String> domains) {
        String best = null;
        for (String domain : domains) {
            if (isUnder(name, domain) && (best == null || domain.length() > best.length())) {
                best = domain;
            }
        }
        return best;
    }
}
