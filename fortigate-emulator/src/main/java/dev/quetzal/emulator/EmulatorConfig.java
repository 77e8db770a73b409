package dev.quetzal.emulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.quetzal.api.net.HostPort;
import dev.quetzal.api.service.TimeSource;
import dev.quetzal.emulator.config.ClientAuth;
import dev.quetzal.emulator.config.NetworkSettings;
import dev.quetzal.emulator.config.SamlSettings;
import dev.quetzal.emulator.config.TlsSettings;
import dev.quetzal.emulator.config.TunnelSettings;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.network.CorporateNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the emulator needs: where it listens, TLS, accounts, realms, SAML, what the tunnel
 * offers and the corporate network behind it. Binds from JSON (see {@code src/main/config/emulator.json});
 * in code use {@link #builder()}.
 *
 * @param listen where the HTTPS server listens (default 127.0.0.1:0, an ephemeral port)
 * @param users the accounts
 * @param certificateUsers client-certificate subject CN to username: such users need that
 *     certificate, with or without their password
 * @param realms accepted realm names; empty accepts any
 * @param corporateNetwork a network instance to use instead of building one from {@code network}
 *     (code only, not JSON); the emulator closes it
 * @param timeSource the clock for session and SAML expiry and TOTP (code only; the system clock by default)
 */
public record EmulatorConfig(
        HostPort listen,
        TlsSettings tls,
        List<UserAccount> users,
        Map<String, String> certificateUsers,
        List<String> realms,
        SamlSettings saml,
        TunnelSettings tunnel,
        NetworkSettings network,
        @JsonIgnore CorporateNetwork corporateNetwork,
        @JsonIgnore TimeSource timeSource) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 0);

    public EmulatorConfig {
        listen = listen == null ? DEFAULT_LISTEN : listen;
        tls = tls == null ? TlsSettings.defaults() : tls;
        users = users == null ? List.of() : List.copyOf(users);
        certificateUsers = certificateUsers == null ? Map.of() : Map.copyOf(certificateUsers);
        realms = realms == null ? List.of() : List.copyOf(realms);
        saml = saml == null ? SamlSettings.defaults() : saml;
        tunnel = tunnel == null ? TunnelSettings.defaults() : tunnel;
        network = network == null ? NetworkSettings.defaults() : network;
        timeSource = timeSource == null ? TimeSource.SYSTEM : timeSource;
        Set<String> names = new HashSet<>();
        for (UserAccount user : users) {
            if (!names.add(user.username())) {
                throw new IllegalArgumentException("duplicate user \"" + user.username() + "\"");
            }
        }
        for (Map.Entry<String, String> entry : certificateUsers.entrySet()) {
            if (!names.contains(entry.getValue())) {
                throw new IllegalArgumentException("certificate CN \"" + entry.getKey() + "\" maps to unknown user \""
                        + entry.getValue() + "\"");
            }
        }
        if (!certificateUsers.isEmpty() && tls.clientAuth() == ClientAuth.NONE) {
            throw new IllegalArgumentException("certificateUsers need tls.clientAuth REQUEST or REQUIRE");
        }
    }

    /** Defaults everywhere: no users, generated certificate, in-process network. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.listen = listen;
        builder.tls = tls;
        builder.users.addAll(users);
        builder.certificateUsers.putAll(certificateUsers);
        builder.realms.addAll(realms);
        builder.saml = saml;
        builder.tunnel = tunnel;
        builder.network = network;
        builder.corporateNetwork = corporateNetwork;
        builder.timeSource = timeSource;
        return builder;
    }

    public UserAccount user(String username) {
        for (UserAccount user : users) {
            if (user.username().equals(username)) {
                return user;
            }
        }
        return null;
    }

    /** Usernames that need a client certificate. */
    public Set<String> certificateUsernames() {
        return Set.copyOf(certificateUsers.values());
    }

    /** Fluent construction with the defaults of {@link EmulatorConfig}. */
    public static final class Builder {
        private HostPort listen;
        private TlsSettings tls;
        private final List<UserAccount> users = new ArrayList<>();
        private final Map<String, String> certificateUsers = new LinkedHashMap<>();
        private final List<String> realms = new ArrayList<>();
        private SamlSettings saml;
        private TunnelSettings tunnel;
        private NetworkSettings network;
        private CorporateNetwork corporateNetwork;
        private TimeSource timeSource;

        private Builder() {}

        public Builder listen(HostPort value) {
            this.listen = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        /** Asks for client certificates signed by the CA in {@code caPem}. */
        public Builder clientAuth(ClientAuth mode, Path caPem) {
            this.tls = (tls == null ? TlsSettings.defaults() : tls).withClientAuth(mode, caPem);
            return this;
        }

        /** A password-only account valid in every realm. */
        public Builder user(String username, String password) {
            return user(UserAccount.of(username, password));
        }

        public Builder user(UserAccount value) {
            users.add(Objects.requireNonNull(value, "user"));
            return this;
        }

        public Builder certificateUser(String commonName, String username) {
            certificateUsers.put(commonName, username);
            return this;
        }

        public Builder realms(String... names) {
            realms.addAll(List.of(names));
            return this;
        }

        public Builder saml(SamlSettings value) {
            this.saml = value;
            return this;
        }

        public Builder tunnel(TunnelSettings value) {
            this.tunnel = value;
            return this;
        }

        public Builder network(NetworkSettings value) {
            this.network = value;
            return this;
        }

        /** Any corporate network implementation; the emulator starts and closes it. */
        public Builder corporateNetwork(CorporateNetwork value) {
            this.corporateNetwork = value;
            return this;
        }

        public Builder timeSource(TimeSource value) {
            this.timeSource = value;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(listen, tls, users, certificateUsers, realms, saml, tunnel, network,
                    corporateNetwork, timeSource);
        }
    }
}
