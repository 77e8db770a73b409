package dev.quetzal.plugin.nat64.dns64;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The names DNS64 works for: a name matches when it equals a suffix or ends with it on a label
 * boundary, in any letter case (RFC 4343), so {@code corp.example} takes {@code WWW.Corp.Example}
 * but not {@code notcorp.example}. The query name decides, not a CNAME target: the client asked
 * for that name, and a CNAME that leaves the suffix still points to where the corporate server said.
 * {@code ipv4only.arpa} is always included so clients can discover the prefix (RFC 7050 §3, RFC 8880).
 */
public final class SuffixMatcher {
    static final Name IPV4ONLY_ARPA = Name.fromConstantString("ipv4only.arpa.");

    private final List<Name> suffixes;

    private SuffixMatcher(List<Name> suffixes) {
        this.suffixes = List.copyOf(suffixes);
    }

    /** Suffixes as configured text ({@code corp.example}, trailing dot optional); {@code ipv4only.arpa} is added. */
    public static SuffixMatcher of(List<String> texts) {
        List<Name> names = new ArrayList<>();
        names.add(IPV4ONLY_ARPA);
        for (String text : texts) {
            Name name = parse(text);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return new SuffixMatcher(names);
    }

    static boolean isValidSuffix(String text) {
        return parse(text) != null;
    }

    private static Name parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.startsWith(".") || trimmed.contains("..")) {
            return null;
        }
        try {
            return Name.fromString(trimmed, Name.root);
        } catch (TextParseException e) {
            return null;
        }
    }

    public boolean matches(Name name) {
        for (Name suffix : suffixes) {
            // Name.subdomain compares whole labels, ignoring ASCII case.
            if (name.subdomain(suffix)) {
                return true;
            }
        }
        return false;
    }

    public List<Name> suffixes() {
        return suffixes;
    }

    @Override
    public String toString() {
        return "SuffixMatcher" + suffixes;
    }
}
