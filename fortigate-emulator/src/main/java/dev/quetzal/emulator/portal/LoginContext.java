package dev.quetzal.emulator.portal;

import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.EmulatorConfig;
import dev.quetzal.emulator.EmulatorStats;
import dev.quetzal.emulator.session.SessionStore;
import java.security.SecureRandom;

/**
 * What the form login and the SAML flow both need: the users, the credential checks, the session
 * store, the login counters, a source of fresh ids and the emulator's clock.
 */
record LoginContext(EmulatorConfig config, Credentials credentials, SessionStore sessions, EmulatorStats stats,
        SecureRandom random, TimeSource time) {

    static LoginContext of(EmulatorConfig config, SessionStore sessions, EmulatorStats stats, SecureRandom random) {
        return new LoginContext(config, new Credentials(config), sessions, stats, random, config.timeSource());
    }
}
