package dev.quetzal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quetzal.emulator.config.ClientAuth;
import dev.quetzal.emulator.config.SecondFactor;
import dev.quetzal.emulator.config.UserAccount;
import dev.quetzal.emulator.testing.PortalClient;
import dev.quetzal.emulator.testing.TestCertificates;
import dev.quetzal.emulator.testing.TrustingTls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS client-certificate login, fortivpn-protocol.md §2 "Client certificate" and §12 (TLS). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class ClientCertificateTest {
    private static final String CERT_ONLY_LOGIN = "username=carol&realm=&ajax=1&redir=%2Fremote%2Findex&just_logged_in=1";
    private static TestCertificates certificates;
    private static TestCertificates.Issued carolLaptop;
    private static TestCertificates.Issued stranger;
    private static TestCertificates foreignCa;
    private static TestCertificates.Issued foreign;

    @TempDir
    static Path folder;

    @RegisterExtension
    final EmulatorFixture fixture = EmulatorFixture.onDemand();

    @BeforeAll
    static void issue() throws Exception {
        certificates = new TestCertificates("Quetzal test CA");
        carolLaptop = certificates.issue("carol-laptop");
        stranger = certificates.issue("someone-else");
        foreignCa = new TestCertificates("Other CA");
        foreign = foreignCa.issue("carol-laptop");
    }

    private FortiGateEmulator start(ClientAuth mode) throws Exception {
        return fixture.start(EmulatorFixture.alice()
                .user(new UserAccount("carol", null, null, null, null, null))
                .user(UserAccount.of("dave", "pw"))
                .certificateUser("carol-laptop", "carol")
                .certificateUser("dave-laptop", "dave")
                .clientAuth(mode, certificates.writeCa(folder)));
    }

    private SSLContext with(TestCertificates.Issued client) throws Exception {
        return TrustingTls.trusting(fixture.emulator().certificate(), certificates.keyManagers(client));
    }

    @Test
    @DisplayName("§2: a mapped certificate logs in with the username only (openfortivpn's certificate-only form)")
    void certificateOnlyLogin() throws Exception {
        start(ClientAuth.REQUEST);
        try (PortalClient client = new PortalClient(fixture.emulator(), with(carolLaptop))) {
            var response = client.post("/remote/logincheck", CERT_ONLY_LOGIN);
            assertEquals(200, response.status(), response.bodyText());
        }
    }

    @Test
    @DisplayName("§2: a certificate user with a password needs both; a wrong password fails")
    void certificateWithPassword() throws Exception {
        start(ClientAuth.REQUEST);
        try (PortalClient client = new PortalClient(fixture.emulator(), with(certificates.issue("dave-laptop")))) {
            assertEquals(200, client.post("/remote/logincheck", "username=dave&credential=pw&realm=&ajax=1").status());
            assertEquals(405, client.post("/remote/logincheck", "username=dave&credential=no&realm=&ajax=1").status());
        }
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(405, client.post("/remote/logincheck", "username=dave&credential=pw&realm=&ajax=1").status(),
                    "the password alone is not enough for a certificate user");
        }
    }

    @Test
    @DisplayName("§2: without a certificate, or with one mapped to someone else, a certificate user fails")
    void wrongOrMissingCertificate() throws Exception {
        start(ClientAuth.REQUEST);
        try (PortalClient client = new PortalClient(fixture.emulator())) {
            assertEquals(405, client.post("/remote/logincheck", CERT_ONLY_LOGIN).status());
            assertEquals(200, client.post("/remote/logincheck", "username=alice&credential=secret&ajax=1").status());
        }
        try (PortalClient client = new PortalClient(fixture.emulator(), with(stranger))) {
            assertEquals(405, client.post("/remote/logincheck", CERT_ONLY_LOGIN).status());
        }
    }

    @Test
    @DisplayName("§12: REQUIRE refuses handshakes without a certificate or with one from another CA")
    void requireMode() throws Exception {
        start(ClientAuth.REQUIRE);
        assertThrows(IOException.class, () -> {
            try (PortalClient client = new PortalClient(fixture.emulator())) {
                client.get("/remote/login", null);
            }
        });
        assertThrows(IOException.class, () -> {
            try (PortalClient client = new PortalClient(fixture.emulator(),
                    TrustingTls.trusting(fixture.emulator().certificate(), foreignCa.keyManagers(foreign)))) {
                client.get("/remote/login", null);
            }
        });
        try (PortalClient client = new PortalClient(fixture.emulator(), with(carolLaptop))) {
            assertEquals(200, client.post("/remote/logincheck", CERT_ONLY_LOGIN).status());
        }
    }

    @Test
    @DisplayName("§2: certificate users may have a second factor too")
    void certificateThenSecondFactorConfigIsAccepted() throws Exception {
        UserAccount withToken = UserAccount.of("erin", "pw").withSecondFactor(SecondFactor.TOKENINFO, "JBSWY3DPEHPK3PXP");
        fixture.start(EmulatorConfig.builder().user(withToken).certificateUser("erin-laptop", "erin")
                .clientAuth(ClientAuth.REQUEST, certificates.writeCa(folder)));
        try (PortalClient client = new PortalClient(fixture.emulator(), with(certificates.issue("erin-laptop")))) {
            var response = client.post("/remote/logincheck", "username=erin&realm=&ajax=1");
            assertEquals(200, response.status());
            assertEquals(null, response.svpnCookie());
        }
    }
}
