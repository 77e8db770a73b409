package dev.quetzal.plugin.ikev2.setup;

import dev.quetzal.plugin.ikev2.crypto.IkeSuite;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The IKE suites of {@link ProposalPolicy#DEFAULT} by the proposal names strongSwan uses (strongswan.md §1), so an
 * operator's {@code suites} list reads like the client's configuration.
 */
public final class SuiteNames {
    private static final Map<String, IkeSuite> BY_NAME = new LinkedHashMap<>();

    static {
        for (IkeSuite suite : ProposalPolicy.DEFAULT.suites()) {
            BY_NAME.put(name(suite), suite);
        }
    }

    private SuiteNames() {}

    /** e.g. {@code aes256gcm16-prfsha256-ecp256} or {@code aes256-sha256-modp2048}. */
    public static String name(IkeSuite suite) {
        String cipher = switch (suite.encryption().id()) {
            case 20 -> "aes" + suite.encryptionKeyBits() + "gcm16";
            case 12 -> "aes" + suite.encryptionKeyBits();
            case 28 -> "chacha20poly1305";
            default -> "enc" + suite.encryption().id();
        };
        String prf = "sha" + switch (suite.prf().id()) {
            case 5 -> "256";
            case 6 -> "384";
            case 7 -> "512";
            default -> "prf" + suite.prf().id();
        };
        String group = switch (suite.group().id()) {
            case 14 -> "modp2048";
            case 19 -> "ecp256";
            case 20 -> "ecp384";
            case 21 -> "ecp521";
            case 31 -> "x25519";
            default -> "group" + suite.group().id();
        };
        return cipher + "-" + (suite.encryption().isAead() ? "prf" : "") + prf + "-" + group;
    }

    public static Optional<IkeSuite> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The policy for a preference list of names (all known); the default policy when the list is empty. */
    public static ProposalPolicy policy(List<String> names) {
        if (names.isEmpty()) {
            return ProposalPolicy.DEFAULT;
        }
        List<IkeSuite> suites = new ArrayList<>();
        for (String name : names) {
            suites.add(find(name).orElseThrow(() -> new IllegalArgumentException("unknown IKE suite " + name)));
        }
        return new ProposalPolicy(suites, ProposalPolicy.DEFAULT.groups());
    }
}
