package dev.quetzal.plugin.fortivpn.auth;

/** Tells the gateway (and so the status page and logs) that a login waits for a person. */
@FunctionalInterface
public interface UserInteraction {
    /** @param link a URL to open, or null */
    void awaitingUser(String prompt, String link);
}
