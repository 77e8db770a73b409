package dev.quetzal.plugin.ikev2.setup;

import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_AES_CBC;
import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_AES_GCM_16;
import static dev.quetzal.plugin.ikev2.message.TransformType.ENCR_CHACHA20_POLY1305;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_CURVE25519;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_ECP_521;
import static dev.quetzal.plugin.ikev2.message.TransformType.GROUP_MODP_2048;
import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_256;
import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_384;
import static dev.quetzal.plugin.ikev2.message.TransformType.PRF_HMAC_SHA2_512;

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
            case ENCR_AES_GCM_16 -> "aes" + suite.encryptionKeyBits() + "gcm16";
            case ENCR_AES_CBC -> "aes" + suite.encryptionKeyBits();
            case ENCR_CHACHA20_POLY1305 -> "chacha20poly1305";
            default -> "enc" + suite.encryption().id();
        };
        String prf = "sha" + switch (suite.prf().id()) {
            case PRF_HMAC_SHA2_256 -> "256";
            case PRF_HMAC_SHA2_384 -> "384";
            case PRF_HMAC_SHA2_512 -> "512";
            default -> "prf" + suite.prf().id();
        };
        String group = switch (suite.group().id()) {
            case GROUP_MODP_2048 -> "modp2048";
            case GROUP_ECP_256 -> "ecp256";
            case GROUP_ECP_384 -> "ecp384";
            case GROUP_ECP_521 -> "ecp521";
            case GROUP_CURVE25519 -> "x25519";
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
