package dev.quetzal.emulator.portal;

import dev.quetzal.api.config.Secret;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.config.UserAccount;

/** Password, realm and client-certificate checks shared by the form login and the SAML IdP. */
final class Credentials {
    private final EmulatorConfig config;

    Credentials(EmulatorConfig config) {
        this.config = config;
    }

    /** The realm is one of the configured ones (or none is configured, or none was given) and the user's own. */
    boolean realmAccepted(UserAccount user, String realm) {
        if (!config.realms().isEmpty() && !realm.isEmpty() && !config.realms().contains(realm)) {
            return false;
        }
        return user.realm() == null || user.realm().equals(realm);
    }

    boolean passwordMatches(UserAccount user, String given) {
        return user.password() != null && given != null && user.password().matches(Secret.of(given, "request"));
    }

    boolean needsCertificate(UserAccount user) {
        return config.certificateUsers().containsValue(user.username());
    }

    /** The verified client certificate's CN maps to this user. */
    boolean certificateMatches(UserAccount user, ClientIdentity identity) {
        String cn = identity.certificateCommonName();
        return cn != null && user.username().equals(config.certificateUsers().get(cn));
    }
}
