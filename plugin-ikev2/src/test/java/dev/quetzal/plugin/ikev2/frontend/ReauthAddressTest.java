package dev.quetzal.plugin.ikev2.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quetzal.api.net.IpAddress;
import dev.quetzal.plugin.ikev2.certs.KeyType;
import dev.quetzal.plugin.ikev2.sa.IkeSa;
import dev.quetzal.plugin.ikev2.sa.ProposalPolicy;
import dev.quetzal.plugin.ikev2.setup.TestPki;
import dev.quetzal.plugin.ikev2.testing.UdpInitiator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's address pool, sticky by identity, when one client authenticates again (a new IKE SA). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ReauthAddressTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    @DisplayName("RFC 7296 §2.8.3 (issue 8, lifetimes): a client that deletes its IKE SA and then authenticates again"
            + " (break-before-make) gets its address back; an IKE SA of the same identity made while the first still"
            + " holds it (make-before-break) gets another")
    void addressAcrossReauthentication() throws Exception {
        TestPki pki = TestPki.create(folder, KeyType.ECDSA_P256);
        try (RawUdpGateway gateway = RawUdpGateway.start(folder, pki, "{\"reauth\": \"60s\"}");
                UdpInitiator first = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT));
                UdpInitiator again = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT));
                UdpInitiator overlapping = new UdpInitiator(pki.clientConfig(ProposalPolicy.DEFAULT))) {
            IkeSa sa = first.connect(gateway.port());
            IpAddress address = first.awaitChild(WAIT).innerAddresses().getFirst();
            assertTrue(first.engine().table().delete(sa));
            Rekeys.await(() -> gateway.frontend().sessions().isEmpty()
                    && ((Number) gateway.frontend().status().get("leasedAddresses")).intValue() == 0, WAIT,
                    () -> "the deleted IKE SA kept its session or lease: " + gateway.frontend().status());

            again.connect(gateway.port());
            assertEquals(address, again.awaitChild(WAIT).innerAddresses().getFirst());

            overlapping.connect(gateway.port());
            assertNotEquals(address, overlapping.awaitChild(WAIT).innerAddresses().getFirst());
        }
    }
}
